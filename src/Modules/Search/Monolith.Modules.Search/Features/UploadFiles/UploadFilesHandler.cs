using MediatR;
using Monolith.BuildingBlocks.Application;
using Monolith.Modules.Search.Data;
using Monolith.Modules.Search.Features.AddDocuments;
using Monolith.Modules.Search.Ingestion.Files;
using Wolverine.EntityFrameworkCore;

namespace Monolith.Modules.Search.Features.UploadFiles;

/// <summary>
/// Tells each file's format from its content (415 for one that is not accepted, naming what is), then
/// stores every file with its pending document and queues its extraction in one transaction (Wolverine
/// outbox): once the 202 is sent, nothing is lost.
/// </summary>
internal sealed class UploadFilesHandler(IDbContextOutbox<SearchDbContext> outbox, TimeProvider clock)
    : IRequestHandler<UploadFiles, IReadOnlyList<AcceptedDocument>>
{
    public async Task<IReadOnlyList<AcceptedDocument>> Handle(UploadFiles request, CancellationToken cancellationToken)
    {
        var formats = request.Files.Select((file, index) =>
        {
            var (format, rejection) = FileSignature.Detect(file.Content, file.DeclaredType, file.FileName);
            return format ?? throw new ProblemException(415, "unsupported-file-type", "Unsupported file type",
                $"files[{index}] ({UploadDefaults.DownloadName(file.FileName)}): {rejection}. Accepted: {FileFormatNames.Accepted}.");
        }).ToList();

        var collection = await outbox.DbContext.OwnedCollectionAsync(request.CollectionId, request.UserId, cancellationToken);
        var now = clock.GetUtcNow();
        var accepted = new List<AcceptedDocument>(request.Files.Count);
        foreach (var (index, file) in request.Files.Index())
        {
            var document = new Document
            {
                Id = Guid.CreateVersion7(),
                CollectionId = collection.Id,
                OwnerId = request.UserId,
                ExternalId = UploadDefaults.ExternalId(file),
                Title = UploadDefaults.Title(file),
                Text = "",
                Metadata = file.Metadata ?? [],
                Status = DocumentStatus.Pending,
                File = new UploadedFileFacts(file.FileName, file.DeclaredType, formats[index].Name(), file.Content.Length),
                CreatedAt = now.AddTicks(index * TimeSpan.TicksPerMicrosecond), // keeps the order sent (as a batch of documents does)
            };
            outbox.DbContext.Documents.Add(document);
            outbox.DbContext.DocumentFiles.Add(new DocumentFile { DocumentId = document.Id, Content = file.Content });
            await outbox.PublishAsync(new Contracts.ExtractDocument(document.Id));
            accepted.Add(new AcceptedDocument(document.Id, "pending"));
        }

        await outbox.SaveChangesAndFlushMessagesAsync(cancellationToken);
        return accepted;
    }
}
