using MediatR;
using Monolith.BuildingBlocks.Application;

namespace Monolith.Modules.Search.Features.ListCollections;

internal sealed record ListCollections(Guid UserId, int Page, int PageSize) : IRequest<CollectionPage>, IPagedRequest;

internal sealed record CollectionPage(IReadOnlyList<CollectionResponse> Items, int Page, int PageSize, int Total);
