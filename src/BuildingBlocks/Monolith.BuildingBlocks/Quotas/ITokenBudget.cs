namespace Monolith.BuildingBlocks.Quotas;

/// <summary>
/// The tokens the current request's caller may still spend on its model call (the tightest of the user's and the
/// key's per-minute and per-day limits), as modules see it. Internal calls (ingestion) have no budget.
/// </summary>
public interface ITokenBudget
{
    /// <summary>Tokens left; null: not limited.</summary>
    long? Remaining { get; }

    /// <summary>Refuses the call (429: rate-limited tokens, or insufficient quota for the day) when it needs more than is left.</summary>
    void EnsureAvailable(long tokens);

    /// <summary>Counts what the call spent.</summary>
    Task SpendAsync(long tokens, CancellationToken cancellationToken);
}
