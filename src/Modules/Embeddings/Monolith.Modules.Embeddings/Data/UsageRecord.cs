namespace Monolith.Modules.Embeddings.Data;

/// <summary>Tokens one user spent on one API request; erased when the user is deleted.</summary>
internal sealed class UsageRecord
{
    public long Id { get; init; }
    public Guid UserId { get; init; }
    public required string Model { get; init; }
    public int Inputs { get; init; }
    public int Tokens { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
