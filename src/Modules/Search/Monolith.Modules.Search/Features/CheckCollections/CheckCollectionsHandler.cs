using MediatR;
using Microsoft.EntityFrameworkCore;
using Monolith.Modules.Search.Contracts;
using Monolith.Modules.Search.Data;

namespace Monolith.Modules.Search.Features.CheckCollections;

internal sealed class CheckCollectionsHandler(SearchDbContext db) : IRequestHandler<CheckCollectionsQuery, CheckedCollections>
{
    public async Task<CheckedCollections> Handle(CheckCollectionsQuery query, CancellationToken cancellationToken)
    {
        var ids = query.CollectionIds.Distinct().ToArray();
        var owned = await db.Collections.AsNoTracking()
            .Where(c => ids.Contains(c.Id) && c.OwnerId == query.UserId)
            .Select(c => c.Id)
            .ToListAsync(cancellationToken);
        return new CheckedCollections(ids.Except(owned).ToList());
    }
}
