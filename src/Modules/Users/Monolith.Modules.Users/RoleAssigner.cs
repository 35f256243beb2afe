using Microsoft.Extensions.Options;
using Monolith.BuildingBlocks.Security;

namespace Monolith.Modules.Users;

/// <summary>Roles follow configuration at every check, so removing an admin email takes effect at once.</summary>
internal sealed class RoleAssigner(IOptionsMonitor<UsersOptions> options)
{
    public IReadOnlyList<string> RolesFor(string normalizedEmail) =>
        options.CurrentValue.AdminEmails.Any(admin => EmailAddress.Normalize(admin) == normalizedEmail)
            ? [Roles.User, Roles.Admin]
            : [Roles.User];
}
