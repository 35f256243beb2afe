using MediatR;
using Monolith.Modules.Embeddings.Contracts;
using Monolith.Modules.Embeddings.Models;

namespace Monolith.Modules.Embeddings.Features.GetEmbeddingModel;

internal sealed class GetEmbeddingModelHandler(EmbeddingModels models) : IRequestHandler<GetEmbeddingModelQuery, EmbeddingModelInfo>
{
    public Task<EmbeddingModelInfo> Handle(GetEmbeddingModelQuery query, CancellationToken cancellationToken) =>
        Task.FromResult(models.Find(query.Model) is { } model
            ? new EmbeddingModelInfo(true, model.Name, model.Dimensions, model.MaxTokens)
            : new EmbeddingModelInfo(false, query.Model ?? "", 0, 0));
}
