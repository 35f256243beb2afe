namespace Monolith.BuildingBlocks.Web;

/// <summary>Rate-limit policy names modules attach to endpoints; the host defines their limits.</summary>
public static class RateLimitPolicies
{
    /// <summary>Login and registration, per client address.</summary>
    public const string Authentication = "authentication";
}
