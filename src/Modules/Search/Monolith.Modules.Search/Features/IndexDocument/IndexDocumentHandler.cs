using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monolith.BuildingBlocks.Data;
using Monolith.Modules.Embeddings.Contracts;
using Monolith.Modules.Search.Contracts;
using Monolith.Modules.Search.Data;
using Monolith.Modules.Search.Ingestion;
using Pgvector;
using Wolverine;
using Wolverine.EntityFrameworkCore;

namespace Monolith.Modules.Search.Features.IndexDocument;

/// <summary>
/// Chunks a pending document with the model's tokenizer, embeds the chunks through the Embeddings
/// contract, and in one transaction replaces its chunks, marks it indexed, removes the document it
/// replaces (same externalId) and publishes <see cref="DocumentIndexed"/>. Redelivery is harmless:
/// a document that is no longer pending is skipped, and chunks are replaced, never appended.
/// </summary>
internal sealed class IndexDocumentHandler(
    IDbContextOutbox<SearchDbContext> outbox, IMessageBus bus, IOptions<SearchOptions> options, TimeProvider clock, ILogger<IndexDocumentHandler> logger)
    : IRequestHandler<IndexDocumentCommand, Unit>
{
    private const int EmbeddingBatch = 128;

    public async Task<Unit> Handle(IndexDocumentCommand command, CancellationToken cancellationToken)
    {
        var db = outbox.DbContext;
        var document = await db.Documents.SingleOrDefaultAsync(d => d.Id == command.DocumentId, cancellationToken);
        if (document is not { Status: DocumentStatus.Pending or DocumentStatus.Indexing })
        {
            return Unit.Value; // deleted meanwhile, or already done by an earlier delivery
        }

        var collection = await db.Collections.AsNoTracking().SingleAsync(c => c.Id == document.CollectionId, cancellationToken);
        try
        {
            var chunks = await BuildChunksAsync(document, collection, cancellationToken);
            await db.Chunks.Where(c => c.DocumentId == document.Id).ExecuteDeleteAsync(cancellationToken);
            db.Chunks.AddRange(chunks);
            document.Status = DocumentStatus.Indexed;
            document.ChunkCount = chunks.Count;
            document.IndexedAt = clock.GetUtcNow();
            document.Error = null;
            await RemoveReplacedAsync(db, document, cancellationToken);
            await outbox.PublishAsync(new DocumentIndexed(document.Id, document.CollectionId, document.OwnerId, chunks.Count, document.IndexedAt.Value));
            await outbox.SaveChangesAndFlushMessagesAsync(cancellationToken);
            return Unit.Value;
        }
        catch (PermanentIndexingFailure failure)
        {
            await MarkFailedAsync(db, document.Id, failure.Message, cancellationToken);
            return Unit.Value;
        }
        // A database outage is never the document's fault; the consumer keeps retrying those.
        catch (Exception exception) when (command.IsLastAttempt && exception is not OperationCanceledException && !DatabaseOutage.IsCause(exception))
        {
            logger.LogWarning(exception, "Indexing document {DocumentId} failed for the last time", document.Id);
            await MarkFailedAsync(db, document.Id, $"Indexing failed after {IndexDocumentConsumer.Attempts} attempts: {exception.Message}", cancellationToken);
            throw; // to Wolverine's dead letters, with the message
        }
    }

    private async Task<List<Chunk>> BuildChunksAsync(Document document, Collection collection, CancellationToken cancellationToken)
    {
        var chunking = options.Value.Chunking;
        var ranges = await SectionChunker.ChunkAsync(
            document.Text, document.Structure, await MaxTokensAsync(), chunking.OverlapTokens, CountAsync, chunking.TitleHeader ? document.Title : null);
        var texts = ranges.Select(range => range.Text).ToList();

        var vectors = new List<float[]>(texts.Count);
        foreach (var batch in ranges.Select(range => range.Embedded).Chunk(EmbeddingBatch))
        {
            var generated = await bus.InvokeAsync<GeneratedEmbeddings>(
                new GenerateEmbeddings(batch, EmbeddingPurpose.Document, collection.EmbeddingModel, collection.OwnerId), cancellationToken);
            if (generated.Error is not null)
            {
                throw new PermanentIndexingFailure(generated.Error);
            }

            vectors.AddRange(generated.Vectors);
        }

        return ranges.Select((range, position) => new Chunk
        {
            Id = Guid.CreateVersion7(),
            DocumentId = document.Id,
            CollectionId = document.CollectionId,
            OwnerId = document.OwnerId,
            Position = position,
            Text = texts[position],
            Title = document.Title,
            TokenCount = range.Tokens,
            Embedding = new Vector(vectors[position]),
            Dimensions = vectors[position].Length,
            Metadata = range.Labels.Count == 0 ? document.Metadata : new Dictionary<string, string>(range.Labels.Concat(document.Metadata).DistinctBy(pair => pair.Key)),
        }).ToList();

        async Task<int> MaxTokensAsync()
        {
            var counts = await bus.InvokeAsync<TokenCounts>(new CountTokens([], collection.EmbeddingModel), cancellationToken);
            if (counts.Error is not null)
            {
                throw new PermanentIndexingFailure(counts.Error);
            }

            var configured = options.Value.Chunking.MaxTokens;
            return configured > 0 ? Math.Min(configured, counts.MaxTokensPerText) : counts.MaxTokensPerText;
        }

        async Task<IReadOnlyList<int>> CountAsync(IReadOnlyList<string> units)
        {
            var counts = await bus.InvokeAsync<TokenCounts>(new CountTokens(units, collection.EmbeddingModel), cancellationToken);
            return counts.Error is null ? counts.Counts : throw new PermanentIndexingFailure(counts.Error);
        }
    }

    /// <summary>Re-adding an externalId replaces the older document, in the same transaction that makes the new one searchable.</summary>
    private static async Task RemoveReplacedAsync(SearchDbContext db, Document document, CancellationToken cancellationToken)
    {
        if (document.ExternalId is null)
        {
            return;
        }

        var replaced = await db.Documents
            .Where(d => d.CollectionId == document.CollectionId && d.ExternalId == document.ExternalId && d.Id != document.Id && d.CreatedAt <= document.CreatedAt)
            .ToListAsync(cancellationToken);
        db.Documents.RemoveRange(replaced);
    }

    private static async Task MarkFailedAsync(SearchDbContext db, Guid documentId, string reason, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await db.Documents.Where(d => d.Id == documentId && (d.Status == DocumentStatus.Pending || d.Status == DocumentStatus.Indexing))
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.Status, DocumentStatus.Failed).SetProperty(d => d.Error, reason[..Math.Min(reason.Length, 2000)]), cancellationToken);
    }

    /// <summary>A failure retrying cannot fix (e.g. the collection's model is no longer configured).</summary>
    private sealed class PermanentIndexingFailure(string message) : Exception(message);
}
