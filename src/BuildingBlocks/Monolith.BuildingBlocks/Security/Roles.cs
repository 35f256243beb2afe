namespace Monolith.BuildingBlocks.Security;

public static class Roles
{
    public const string User = "user";
    public const string Admin = "admin";

    /// <summary>Authorization policy name for admin-only routes.</summary>
    public const string AdminPolicy = "admin";
}
