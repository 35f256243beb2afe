using FluentValidation;
using FluentValidation.Results;
using MediatR;
using Monolith.BuildingBlocks.Data;
using Monolith.Modules.Embeddings.Contracts;
using Monolith.Modules.Search.Data;
using Monolith.Modules.Search.Retrieval;
using Wolverine;

namespace Monolith.Modules.Search.Features.CreateCollection;

internal sealed class CreateCollectionHandler(SearchDbContext db, IMessageBus bus, VectorIndexes indexes, TimeProvider clock)
    : IRequestHandler<CreateCollection, CollectionResponse>
{
    public async Task<CollectionResponse> Handle(CreateCollection request, CancellationToken cancellationToken)
    {
        var model = await bus.InvokeAsync<EmbeddingModelInfo>(new GetEmbeddingModel(request.EmbeddingModel), cancellationToken);
        if (!model.Found)
        {
            throw new ValidationException([new ValidationFailure("embeddingModel",
                $"Unknown embedding model '{request.EmbeddingModel}'. GET /v1/models lists the available models.")]);
        }

        var textSearchConfig = request.TextSearchConfig ?? "english";
        var configurations = await TextSearchConfigurations.BuiltInAsync(db, cancellationToken);
        if (!configurations.Contains(textSearchConfig))
        {
            throw new ValidationException([new ValidationFailure("textSearchConfig",
                $"Unknown text search configuration '{textSearchConfig}'. Available: {string.Join(", ", configurations)}.")]);
        }

        await indexes.EnsureAsync(model.Dimensions, cancellationToken);
        var collection = new Collection
        {
            Id = Guid.CreateVersion7(),
            OwnerId = request.UserId,
            Name = request.Name.Trim(),
            Description = request.Description?.Trim(),
            EmbeddingModel = model.Name,
            Dimensions = model.Dimensions,
            TextSearchConfig = textSearchConfig,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Collections.Add(collection);
        await db.SaveChangesUnlessErasedAsync(request.UserId, cancellationToken);
        return CollectionResponse.From(collection, new DocumentCounts(0, 0, 0));
    }
}
