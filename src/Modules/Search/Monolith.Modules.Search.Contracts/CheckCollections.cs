using System.Runtime.Serialization;

namespace Monolith.Modules.Search.Contracts;

/// <summary>
/// Request/reply: which of these collections exist and belong to the user? Answered with
/// <see cref="CheckedCollections"/> (e.g. Chat validates a conversation's collections).
/// </summary>
[DataContract(Namespace = "monolith.search", Name = "check-collections.v1")]
public sealed record CheckCollections(Guid UserId, IReadOnlyList<Guid> CollectionIds);

/// <summary>Reply to <see cref="CheckCollections"/>: the ids that are missing or someone else's.</summary>
[DataContract(Namespace = "monolith.search", Name = "checked-collections.v1")]
public sealed record CheckedCollections(IReadOnlyList<Guid> MissingCollectionIds);
