namespace Monolith.Modules.Users.Data;

internal sealed class User
{
    public Guid Id { get; init; }
    public required string Email { get; init; }
    public required string NormalizedEmail { get; init; }
    public required string DisplayName { get; set; }
    public required string PasswordHash { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public List<ApiKey> ApiKeys { get; init; } = [];
}
