namespace Monolith.BuildingBlocks.Usage;

/// <summary>
/// A user's usage summed over every module that calls models, wherever it runs. The host implements it (it knows which
/// modules answer); a module that shows usage beside its own data (the API key list in Users) asks through it.
/// </summary>
public interface IUsageTotals
{
    /// <summary>Tokens (input and output, embeddings and chat) per API key of the user's calls in [since, until); keys without calls are absent.</summary>
    Task<IReadOnlyDictionary<Guid, long>> TokensByKeyAsync(Guid userId, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken);
}
