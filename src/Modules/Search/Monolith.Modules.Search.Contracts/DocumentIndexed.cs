using System.Runtime.Serialization;

namespace Monolith.Modules.Search.Contracts;

/// <summary>Published when a document's chunks are searchable.</summary>
[DataContract(Namespace = "monolith.search", Name = "document-indexed.v1")]
public sealed record DocumentIndexed(Guid DocumentId, Guid CollectionId, Guid OwnerId, int ChunkCount, DateTimeOffset IndexedAt);
