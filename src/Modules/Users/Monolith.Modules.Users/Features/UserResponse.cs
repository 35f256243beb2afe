using Monolith.Modules.Users.Data;

namespace Monolith.Modules.Users.Features;

/// <summary>A user as the API shows it: never the password hash or keys.</summary>
internal sealed record UserResponse(Guid Id, string Email, string DisplayName, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt)
{
    public static UserResponse From(User user, IReadOnlyList<string> roles) =>
        new(user.Id, user.Email, user.DisplayName, roles, user.CreatedAt);
}
