using MediatR;
using Microsoft.EntityFrameworkCore;
using Monolith.Modules.Search.Contracts;
using Monolith.Modules.Search.Data;
using Monolith.Modules.Search.Retrieval;

namespace Monolith.Modules.Search.Features.SearchCollections;

internal sealed class SearchCollectionsHandler(SearchDbContext db, ChunkSearch search) : IRequestHandler<SearchCollectionsQuery, SearchResults>
{
    public async Task<SearchResults> Handle(SearchCollectionsQuery query, CancellationToken cancellationToken)
    {
        var request = query.Request;
        var ids = request.CollectionIds.Distinct().ToArray();
        var owned = await db.Collections.AsNoTracking()
            .Where(c => ids.Contains(c.Id) && c.OwnerId == request.UserId)
            .ToListAsync(cancellationToken);
        var missing = ids.Except(owned.Select(c => c.Id)).ToList();
        var hits = await search.SearchAsync(owned, SearchCollectionsQueryValidator.AsRequest(request).ToQuery(), cancellationToken);
        return new SearchResults(hits, missing);
    }
}
