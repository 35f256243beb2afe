namespace Monolith.BuildingBlocks.Usage;

/// <summary>
/// Tokens one user spent on one model call: through the API (<see cref="UsageSources.Api"/>) or inside the platform
/// (ingestion, retrieval). Each module that calls models keeps these in its own schema; erased with the account.
/// </summary>
public sealed class UsageRecord
{
    public long Id { get; init; }
    public Guid UserId { get; init; }

    /// <summary>The API key the call was made with; null for a token (JWT) or an internal call.</summary>
    public Guid? ApiKeyId { get; init; }

    public required string Model { get; init; }
    public required string Source { get; init; }
    public int InputTokens { get; init; }
    public int OutputTokens { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>What caused a model call.</summary>
public static class UsageSources
{
    public const string Api = "api";
    public const string Ingestion = "ingestion";
    public const string Retrieval = "retrieval";
}
