using MediatR;
using Microsoft.EntityFrameworkCore;
using Monolith.BuildingBlocks.Application;
using Monolith.Modules.Search.Data;

namespace Monolith.Modules.Search.Features.ListCollections;

internal sealed class ListCollectionsHandler(SearchDbContext db) : IRequestHandler<ListCollections, CollectionPage>
{
    public async Task<CollectionPage> Handle(ListCollections request, CancellationToken cancellationToken)
    {
        var owned = db.Collections.AsNoTracking().Where(c => c.OwnerId == request.UserId);
        var total = await owned.CountAsync(cancellationToken);
        var collections = await owned
            .OrderByDescending(c => c.CreatedAt).ThenBy(c => c.Id)
            .PageOf(request)
            .ToListAsync(cancellationToken);
        return new CollectionPage(collections.Select(c => CollectionResponse.From(c)).ToList(), request.Page, request.PageSize, total);
    }
}
