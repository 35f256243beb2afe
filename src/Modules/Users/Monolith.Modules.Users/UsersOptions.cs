namespace Monolith.Modules.Users;

internal sealed class UsersOptions
{
    /// <summary>Emails that get the admin role; admins never come from self-registration.</summary>
    public string[] AdminEmails { get; set; } = [];
}
