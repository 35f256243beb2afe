using System.Runtime.Serialization;

namespace Monolith.Modules.Search.Contracts;

/// <summary>
/// Search's own ingestion command for an uploaded file, queued durably with it: extract its text and
/// structure, then queue <see cref="IndexDocument"/>. Public because it travels on the bus.
/// </summary>
[DataContract(Namespace = "monolith.search", Name = "extract-document.v1")]
public sealed record ExtractDocument(Guid DocumentId);
