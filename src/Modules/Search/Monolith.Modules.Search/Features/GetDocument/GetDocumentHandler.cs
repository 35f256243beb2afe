using MediatR;
using Microsoft.EntityFrameworkCore;
using Monolith.BuildingBlocks.Application;
using Monolith.Modules.Search.Data;

namespace Monolith.Modules.Search.Features.GetDocument;

internal sealed class GetDocumentHandler(SearchDbContext db) : IRequestHandler<GetDocument, DocumentResponse>
{
    public async Task<DocumentResponse> Handle(GetDocument request, CancellationToken cancellationToken)
    {
        var document = await db.Documents.AsNoTracking()
            .SingleOrDefaultAsync(d => d.Id == request.DocumentId && d.CollectionId == request.CollectionId && d.OwnerId == request.UserId, cancellationToken)
            ?? throw ProblemException.NotFound("Document");
        return DocumentResponse.From(document);
    }
}
