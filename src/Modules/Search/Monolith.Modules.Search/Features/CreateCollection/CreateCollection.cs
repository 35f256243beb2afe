using MediatR;

namespace Monolith.Modules.Search.Features.CreateCollection;

internal sealed record CreateCollectionRequest(string Name, string? Description, string? EmbeddingModel);

internal sealed record CreateCollection(Guid UserId, string Name, string? Description, string? EmbeddingModel) : IRequest<CollectionResponse>;
