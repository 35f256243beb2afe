using MediatR;
using Microsoft.EntityFrameworkCore;
using Monolith.BuildingBlocks.Application;
using Monolith.Modules.Search.Data;

namespace Monolith.Modules.Search.Features.ListDocuments;

internal sealed class ListDocumentsHandler(SearchDbContext db) : IRequestHandler<ListDocuments, DocumentPage>
{
    public async Task<DocumentPage> Handle(ListDocuments request, CancellationToken cancellationToken)
    {
        var collection = await db.OwnedCollectionAsync(request.CollectionId, request.UserId, cancellationToken);
        var documents = db.Documents.AsNoTracking().Where(d => d.CollectionId == collection.Id);
        if (request.Status is not null)
        {
            var status = Enum.Parse<DocumentStatus>(request.Status, ignoreCase: true);
            documents = documents.Where(d => d.Status == status);
        }

        var total = await documents.CountAsync(cancellationToken);
        var page = await documents
            .OrderBy(d => d.CreatedAt).ThenBy(d => d.Id)
            .PageOf(request)
            .ToListAsync(cancellationToken);
        return new DocumentPage(page.Select(DocumentResponse.From).ToList(), request.Page, request.PageSize, total);
    }
}
