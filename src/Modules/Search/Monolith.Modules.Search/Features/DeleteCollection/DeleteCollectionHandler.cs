using MediatR;
using Microsoft.EntityFrameworkCore;
using Monolith.BuildingBlocks.Application;
using Monolith.Modules.Search.Data;

namespace Monolith.Modules.Search.Features.DeleteCollection;

internal sealed class DeleteCollectionHandler(SearchDbContext db) : IRequestHandler<DeleteCollection, Unit>
{
    public async Task<Unit> Handle(DeleteCollection request, CancellationToken cancellationToken)
    {
        // Documents and chunks go with it (foreign keys cascade inside the schema).
        var deleted = await db.Collections
            .Where(c => c.Id == request.CollectionId && c.OwnerId == request.UserId)
            .ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? throw ProblemException.NotFound("Collection") : Unit.Value;
    }
}
