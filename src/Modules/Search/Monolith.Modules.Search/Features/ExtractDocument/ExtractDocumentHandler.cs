using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Monolith.BuildingBlocks.Data;
using Monolith.Modules.Search.Data;
using Monolith.Modules.Search.Ingestion.Files;
using Wolverine.EntityFrameworkCore;

namespace Monolith.Modules.Search.Features.ExtractDocument;

/// <summary>
/// Marks an uploaded file's document <c>extracting</c> (committed, and counted), extracts its text and
/// structure, then in one transaction stores them, marks it <c>indexing</c> and queues its indexing. A
/// crash anywhere in between leaves the message in the store: the next delivery finds the document still
/// extracting and starts again. A file that cannot be read ends <c>failed</c> with the reason, at once.
/// </summary>
internal sealed class ExtractDocumentHandler(IDbContextOutbox<SearchDbContext> outbox, FileExtractor extractor, ILogger<ExtractDocumentHandler> logger)
    : IRequestHandler<ExtractDocumentCommand, Unit>
{
    /// <summary>Extractions a host may die in before the file is taken to be what kills it.</summary>
    internal const int MaxInterruptedAttempts = 3;

    public async Task<Unit> Handle(ExtractDocumentCommand command, CancellationToken cancellationToken)
    {
        var db = outbox.DbContext;
        var document = await db.Documents.SingleOrDefaultAsync(
            d => d.Id == command.DocumentId && (d.Status == DocumentStatus.Pending || d.Status == DocumentStatus.Extracting), cancellationToken);
        if (document?.File is null)
        {
            return Unit.Value; // deleted meanwhile, or already extracted by an earlier delivery
        }

        if (document.ExtractionAttempts >= MaxInterruptedAttempts)
        {
            await MarkFailedAsync(db, document.Id, $"interrupted: extraction of this file was cut short {document.ExtractionAttempts} times (the host stopped while reading it).", cancellationToken);
            return Unit.Value;
        }

        document.Status = DocumentStatus.Extracting;
        document.ExtractionAttempts++;
        await db.SaveChangesAsync(cancellationToken);

        try
        {
            var content = await db.DocumentFiles.AsNoTracking().Where(f => f.DocumentId == document.Id).Select(f => f.Content).SingleAsync(cancellationToken);
            var extracted = await extractor.ExtractAsync(FileFormatNames.Parse(document.File.Format), content, cancellationToken);
            document.Text = extracted.Text;
            document.Structure = extracted.Structure;
            document.PageCount = extracted.Pages;
            document.Status = DocumentStatus.Indexing;
            await outbox.PublishAsync(new Contracts.IndexDocument(document.Id));
            await outbox.SaveChangesAndFlushMessagesAsync(cancellationToken);
        }
        catch (ExtractionFailure failure)
        {
            logger.LogInformation("File of document {DocumentId} cannot be extracted: {Reason}", document.Id, failure.Message);
            await MarkFailedAsync(db, document.Id, failure.Message, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Deleted while it was being extracted: nothing is left to index.
        }
        catch (Exception exception) when (command.IsLastAttempt && exception is not OperationCanceledException && !DatabaseOutage.IsCause(exception))
        {
            logger.LogWarning(exception, "Extracting document {DocumentId} failed for the last time", document.Id);
            await MarkFailedAsync(db, document.Id, $"Extraction failed after {ExtractDocumentConsumer.Attempts} attempts: {exception.Message}", cancellationToken);
            throw;
        }

        return Unit.Value;
    }

    private static async Task MarkFailedAsync(SearchDbContext db, Guid documentId, string reason, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await db.Documents.Where(d => d.Id == documentId && (d.Status == DocumentStatus.Pending || d.Status == DocumentStatus.Extracting))
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.Status, DocumentStatus.Failed).SetProperty(d => d.Error, reason[..Math.Min(reason.Length, 2000)]), cancellationToken);
    }
}
