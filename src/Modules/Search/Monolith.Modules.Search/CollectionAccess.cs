using Microsoft.EntityFrameworkCore;
using Monolith.BuildingBlocks.Application;
using Monolith.Modules.Search.Data;

namespace Monolith.Modules.Search;

internal static class CollectionAccess
{
    /// <summary>The caller's collection; another user's is indistinguishable from a missing one (404).</summary>
    public static async Task<Collection> OwnedCollectionAsync(this SearchDbContext db, Guid collectionId, Guid userId, CancellationToken cancellationToken) =>
        await db.Collections.AsNoTracking().SingleOrDefaultAsync(c => c.Id == collectionId && c.OwnerId == userId, cancellationToken)
        ?? throw ProblemException.NotFound("Collection");
}
