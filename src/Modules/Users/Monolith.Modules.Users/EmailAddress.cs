namespace Monolith.Modules.Users;

internal static class EmailAddress
{
    /// <summary>One account per mailbox regardless of case or surrounding spaces.</summary>
    public static string Normalize(string email) => email.Trim().ToLowerInvariant();
}
