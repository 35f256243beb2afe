using MediatR;
using Microsoft.EntityFrameworkCore;
using Monolith.BuildingBlocks.Application;
using Monolith.Modules.Search.Data;
using Monolith.Modules.Search.Features.UploadFiles;
using Monolith.Modules.Search.Ingestion.Files;

namespace Monolith.Modules.Search.Features.DownloadFile;

internal sealed class DownloadFileHandler(SearchDbContext db) : IRequestHandler<DownloadFile, StoredFile>
{
    public async Task<StoredFile> Handle(DownloadFile request, CancellationToken cancellationToken)
    {
        var facts = await db.Documents.AsNoTracking()
            .Where(d => d.Id == request.DocumentId && d.CollectionId == request.CollectionId && d.OwnerId == request.UserId)
            .Select(d => new { d.File })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw ProblemException.NotFound("Document");
        if (facts.File is null)
        {
            throw ProblemException.NotFound("File"); // a text document has no file
        }

        var content = await db.DocumentFiles.AsNoTracking().Where(f => f.DocumentId == request.DocumentId).Select(f => f.Content)
            .SingleOrDefaultAsync(cancellationToken) ?? throw ProblemException.NotFound("File");
        return new StoredFile(content, FileSignature.MediaType(FileFormatNames.Parse(facts.File.Format)), UploadDefaults.DownloadName(facts.File.Name));
    }
}
