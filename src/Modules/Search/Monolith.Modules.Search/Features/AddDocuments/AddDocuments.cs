using MediatR;

namespace Monolith.Modules.Search.Features.AddDocuments;

internal sealed record NewDocument(string Text, string? Title, string? ExternalId, Dictionary<string, string>? Metadata);

internal sealed record AddDocumentsBatchRequest(IReadOnlyList<NewDocument>? Documents);

/// <summary>One document or a batch: both go through the same validation and the same transaction.</summary>
internal sealed record AddDocuments(Guid UserId, Guid CollectionId, IReadOnlyList<NewDocument> Documents) : IRequest<IReadOnlyList<AcceptedDocument>>;

internal sealed record AcceptedDocument(Guid Id, string Status);

internal sealed record AcceptedDocuments(IReadOnlyList<AcceptedDocument> Items);
