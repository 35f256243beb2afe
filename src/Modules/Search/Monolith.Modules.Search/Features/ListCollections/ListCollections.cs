using MediatR;

namespace Monolith.Modules.Search.Features.ListCollections;

internal sealed record ListCollections(Guid UserId, int Page, int PageSize) : IRequest<CollectionPage>;

internal sealed record CollectionPage(IReadOnlyList<CollectionResponse> Items, int Page, int PageSize, int Total);
