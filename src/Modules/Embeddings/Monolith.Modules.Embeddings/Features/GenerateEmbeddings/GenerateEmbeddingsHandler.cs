using MediatR;
using Monolith.BuildingBlocks.Usage;
using Monolith.Modules.Embeddings.Contracts;
using Monolith.Modules.Embeddings.Data;
using Monolith.Modules.Embeddings.Models;

namespace Monolith.Modules.Embeddings.Features.GenerateEmbeddings;

internal sealed class GenerateEmbeddingsHandler(EmbeddingModels models, EmbeddingService embeddings, EmbeddingsDbContext db, TimeProvider clock)
    : IRequestHandler<GenerateEmbeddingsQuery, GeneratedEmbeddings>
{
    public async Task<GeneratedEmbeddings> Handle(GenerateEmbeddingsQuery query, CancellationToken cancellationToken)
    {
        var request = query.Request;
        var model = models.Find(request.Model);
        if (model is null)
        {
            return new GeneratedEmbeddings(request.Model ?? "", 0, [], 0, $"Unknown embedding model '{request.Model}'.");
        }

        var batch = await embeddings.EmbedAsync(model, request.Texts, request.Purpose, dimensions: null, cancellationToken);
        if (request.UserId is { } userId)
        {
            // A record for an erased user is dropped: the call was already answered.
            await db.AppendAsync(new UsageRecord
            {
                UserId = userId,
                Model = model.Name,
                Source = request.Purpose == EmbeddingPurpose.Query ? UsageSources.Retrieval : UsageSources.Ingestion,
                InputTokens = batch.TokenCount,
                CreatedAt = clock.GetUtcNow(),
            }, cancellationToken);
        }

        return new GeneratedEmbeddings(model.Name, model.Dimensions, batch.Vectors, batch.TokenCount);
    }
}
