using System.Diagnostics;
using MediatR;
using Monolith.Modules.Search.Data;
using Monolith.Modules.Search.Retrieval;

namespace Monolith.Modules.Search.Features.SearchCollection;

internal sealed class SearchCollectionHandler(SearchDbContext db, ChunkSearch search) : IRequestHandler<SearchCollection, SearchResponse>
{
    public async Task<SearchResponse> Handle(SearchCollection command, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var collection = await db.OwnedCollectionAsync(command.CollectionId, command.UserId, cancellationToken);
        var query = command.Request.ToQuery();
        var hits = await search.SearchAsync([collection], query, cancellationToken);
        return new SearchResponse(hits, query.Mode.ToString().ToLowerInvariant(), Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 2));
    }
}
