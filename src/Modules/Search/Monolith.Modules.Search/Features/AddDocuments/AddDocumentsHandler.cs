using MediatR;
using Microsoft.Extensions.Options;
using Monolith.BuildingBlocks.Application;
using Monolith.Modules.Search.Data;
using Wolverine.EntityFrameworkCore;

namespace Monolith.Modules.Search.Features.AddDocuments;

/// <summary>
/// Stores the documents as pending and enqueues their indexing in the same transaction (Wolverine
/// outbox): an accepted document is never lost and never left without its indexing message.
/// </summary>
internal sealed class AddDocumentsHandler(IDbContextOutbox<SearchDbContext> outbox, IOptions<SearchOptions> options, TimeProvider clock)
    : IRequestHandler<AddDocuments, IReadOnlyList<AcceptedDocument>>
{
    public async Task<IReadOnlyList<AcceptedDocument>> Handle(AddDocuments request, CancellationToken cancellationToken)
    {
        var maxCharacters = options.Value.Limits.MaxDocumentCharacters;
        if (request.Documents.Any(d => d.Text.Length > maxCharacters))
        {
            throw new ProblemException(413, "document-too-large", "Document too large", $"A document's text may hold at most {maxCharacters} characters.");
        }

        var collection = await outbox.DbContext.OwnedCollectionAsync(request.CollectionId, request.UserId, cancellationToken);
        var now = clock.GetUtcNow();
        var accepted = new List<AcceptedDocument>(request.Documents.Count);
        foreach (var (index, input) in request.Documents.Index())
        {
            var document = new Document
            {
                Id = Guid.CreateVersion7(),
                CollectionId = collection.Id,
                OwnerId = request.UserId,
                ExternalId = string.IsNullOrWhiteSpace(input.ExternalId) ? null : input.ExternalId.Trim(),
                Title = string.IsNullOrWhiteSpace(input.Title) ? null : input.Title.Trim(),
                Text = input.Text,
                Metadata = input.Metadata ?? [],
                Status = DocumentStatus.Pending,
                // A microsecond (PostgreSQL's precision) apart, so a batch keeps its order: in listings, and in
                // which of two documents with the same externalId is the newer one (ids of one millisecond are random).
                CreatedAt = now.AddTicks(index * TimeSpan.TicksPerMicrosecond),
            };
            outbox.DbContext.Documents.Add(document);
            await outbox.PublishAsync(new Contracts.IndexDocument(document.Id));
            accepted.Add(new AcceptedDocument(document.Id, "pending"));
        }

        await outbox.SaveChangesAndFlushMessagesAsync(cancellationToken);
        return accepted;
    }
}
