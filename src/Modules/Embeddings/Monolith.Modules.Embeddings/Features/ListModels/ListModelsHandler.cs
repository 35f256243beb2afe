using MediatR;
using Monolith.Modules.Embeddings.Models;

namespace Monolith.Modules.Embeddings.Features.ListModels;

internal sealed class ListModelsHandler(EmbeddingModels models, TimeProvider clock) : IRequestHandler<ListModels, ModelList>
{
    // Models are configured at start-up, so "created" is when this process made them available.
    private readonly long _created = clock.GetUtcNow().ToUnixTimeSeconds();

    public Task<ModelList> Handle(ListModels request, CancellationToken cancellationToken) =>
        Task.FromResult(new ModelList("list", models.All
            .OrderBy(model => model.Name, StringComparer.Ordinal)
            .Select(model => new ModelEntry(model.Name, "model", _created, model.OwnedBy))
            .ToList()));
}
