using System.Runtime.Serialization;

namespace Monolith.Modules.Search.Contracts;

/// <summary>
/// Request/reply: search several collections of one user at once. <paramref name="Mode"/> is
/// "vector", "keyword" or "hybrid". Collections that do not exist or belong to someone else are
/// reported in <see cref="SearchResults.MissingCollectionIds"/> and not searched.
/// </summary>
[DataContract(Namespace = "monolith.search", Name = "search-collections.v1")]
public sealed record SearchCollections(
    Guid UserId,
    IReadOnlyList<Guid> CollectionIds,
    string Query,
    string Mode = "hybrid",
    int TopK = 10,
    IReadOnlyDictionary<string, string>? Filter = null,
    double? MinScore = null);
