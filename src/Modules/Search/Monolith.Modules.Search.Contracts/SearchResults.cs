using System.Runtime.Serialization;
using System.Text.Json.Serialization;

namespace Monolith.Modules.Search.Contracts;

/// <summary>Reply to <see cref="SearchCollections"/>: best first.</summary>
[DataContract(Namespace = "monolith.search", Name = "search-results.v1")]
public sealed record SearchResults(IReadOnlyList<SearchHit> Items, IReadOnlyList<Guid> MissingCollectionIds);

/// <summary>One matching chunk, the same shape as the HTTP search API returns; <see cref="Explain"/> only when asked for.</summary>
[DataContract(Namespace = "monolith.search", Name = "search-hit.v1")]
public sealed record SearchHit(
    Guid DocumentId,
    Guid CollectionId,
    string? ExternalId,
    string? Title,
    Guid ChunkId,
    string Text,
    double Score,
    IReadOnlyDictionary<string, string> Metadata,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] HitExplanation? Explain = null);

/// <summary>
/// Where a hit's score comes from: its cosine similarity and rank (1 = first) in the vector list, its BM25 score and
/// rank in the keyword list (null: not in that list), and the fused score of a hybrid search.
/// </summary>
[DataContract(Namespace = "monolith.search", Name = "hit-explanation.v1")]
public sealed record HitExplanation(double? VectorScore, int? VectorRank, double? KeywordScore, int? KeywordRank, double? FusedScore);
