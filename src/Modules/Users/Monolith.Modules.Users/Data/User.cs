using Monolith.Modules.Users.Contracts;

namespace Monolith.Modules.Users.Data;

internal sealed class User
{
    public Guid Id { get; init; }
    public required string Email { get; init; }
    public required string NormalizedEmail { get; init; }
    public required string DisplayName { get; set; }
    public required string PasswordHash { get; set; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Limits an admin set; what is null falls back to the role's default.</summary>
    public CallerLimits? Limits { get; set; }
    public List<ApiKey> ApiKeys { get; init; } = [];
}
