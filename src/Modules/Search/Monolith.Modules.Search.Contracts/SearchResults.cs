using System.Runtime.Serialization;

namespace Monolith.Modules.Search.Contracts;

/// <summary>Reply to <see cref="SearchCollections"/>: best first.</summary>
[DataContract(Namespace = "monolith.search", Name = "search-results.v1")]
public sealed record SearchResults(IReadOnlyList<SearchHit> Items, IReadOnlyList<Guid> MissingCollectionIds);

/// <summary>One matching chunk, the same shape as the HTTP search API returns.</summary>
[DataContract(Namespace = "monolith.search", Name = "search-hit.v1")]
public sealed record SearchHit(
    Guid DocumentId,
    Guid CollectionId,
    string? ExternalId,
    string? Title,
    Guid ChunkId,
    string Text,
    double Score,
    IReadOnlyDictionary<string, string> Metadata);
