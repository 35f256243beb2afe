using MediatR;

namespace Monolith.Modules.Search.Features.DeleteCollection;

internal sealed record DeleteCollection(Guid UserId, Guid CollectionId) : IRequest<Unit>;
