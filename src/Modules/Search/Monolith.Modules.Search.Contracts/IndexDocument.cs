using System.Runtime.Serialization;

namespace Monolith.Modules.Search.Contracts;

/// <summary>
/// Search's own ingestion command, queued durably in the same transaction that stores a document:
/// chunk, embed and index it. Public because it travels on the bus; other modules have no reason to send it.
/// </summary>
[DataContract(Namespace = "monolith.search", Name = "index-document.v1")]
public sealed record IndexDocument(Guid DocumentId);
