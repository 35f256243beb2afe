using MediatR;

namespace Monolith.Modules.Search.Features.DeleteDocument;

internal sealed record DeleteDocument(Guid UserId, Guid CollectionId, Guid DocumentId) : IRequest<Unit>;
