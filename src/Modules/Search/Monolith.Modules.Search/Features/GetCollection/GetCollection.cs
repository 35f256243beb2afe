using MediatR;

namespace Monolith.Modules.Search.Features.GetCollection;

internal sealed record GetCollection(Guid UserId, Guid CollectionId) : IRequest<CollectionResponse>;
