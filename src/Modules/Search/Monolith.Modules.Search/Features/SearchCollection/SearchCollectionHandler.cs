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
        var request = command.Request;
        var mode = Enum.Parse<SearchMode>(request.Mode ?? "hybrid", ignoreCase: true);
        var hits = await search.SearchAsync([collection], request.Query, mode, request.TopK ?? 10, request.Filter, request.MinScore, cancellationToken);
        return new SearchResponse(hits, mode.ToString().ToLowerInvariant(), Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 2));
    }
}
