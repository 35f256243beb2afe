using MediatR;

namespace Monolith.Modules.Search.Features.GetDocument;

internal sealed record GetDocument(Guid UserId, Guid CollectionId, Guid DocumentId) : IRequest<DocumentResponse>;
