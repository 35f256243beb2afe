using MediatR;
using Microsoft.EntityFrameworkCore;
using Monolith.Modules.Search.Data;

namespace Monolith.Modules.Search.Features.GetCollection;

internal sealed class GetCollectionHandler(SearchDbContext db) : IRequestHandler<GetCollection, CollectionResponse>
{
    public async Task<CollectionResponse> Handle(GetCollection request, CancellationToken cancellationToken)
    {
        var collection = await db.OwnedCollectionAsync(request.CollectionId, request.UserId, cancellationToken);
        var counts = await db.Documents.AsNoTracking()
            .Where(d => d.CollectionId == collection.Id)
            .GroupBy(d => d.Status)
            .Select(group => new { Status = group.Key, Count = group.Count() })
            .ToDictionaryAsync(group => group.Status, group => group.Count, cancellationToken);
        return CollectionResponse.From(collection, new DocumentCounts(
            // Pending counts every document on its way (an uploaded file also while extracting and indexing).
            counts.GetValueOrDefault(DocumentStatus.Pending) + counts.GetValueOrDefault(DocumentStatus.Extracting) + counts.GetValueOrDefault(DocumentStatus.Indexing),
            counts.GetValueOrDefault(DocumentStatus.Indexed), counts.GetValueOrDefault(DocumentStatus.Failed)));
    }
}
