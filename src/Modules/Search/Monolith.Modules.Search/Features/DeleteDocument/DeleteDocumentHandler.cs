using MediatR;
using Microsoft.EntityFrameworkCore;
using Monolith.BuildingBlocks.Application;
using Monolith.Modules.Search.Data;

namespace Monolith.Modules.Search.Features.DeleteDocument;

internal sealed class DeleteDocumentHandler(SearchDbContext db) : IRequestHandler<DeleteDocument, Unit>
{
    public async Task<Unit> Handle(DeleteDocument request, CancellationToken cancellationToken)
    {
        // Its chunks go with it (cascade); a pending indexing message then finds nothing and stops.
        var deleted = await db.Documents
            .Where(d => d.Id == request.DocumentId && d.CollectionId == request.CollectionId && d.OwnerId == request.UserId)
            .ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? throw ProblemException.NotFound("Document") : Unit.Value;
    }
}
