using MediatR;
using Monolith.Modules.Embeddings.Contracts;
using Monolith.Modules.Embeddings.Models;

namespace Monolith.Modules.Embeddings.Features.ListEmbeddingModels;

internal sealed class ListEmbeddingModelsHandler(EmbeddingModels models) : IRequestHandler<ListEmbeddingModelsQuery, EmbeddingModelList>
{
    public Task<EmbeddingModelList> Handle(ListEmbeddingModelsQuery request, CancellationToken cancellationToken) =>
        Task.FromResult(new EmbeddingModelList(models.All
            .OrderBy(model => model.Name, StringComparer.Ordinal)
            .Select(model => new EmbeddingModelSummary(model.Name, model.OwnedBy, model.Dimensions))
            .ToList()));
}
