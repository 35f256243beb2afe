using MediatR;
using Monolith.Modules.Embeddings.Contracts;
using Wolverine;

namespace Monolith.Modules.Embeddings.Features.ListEmbeddingModels;

/// <summary>Answers <see cref="ListEmbeddingModels"/>. Public only because Wolverine's generated code calls it.</summary>
public sealed class ListEmbeddingModelsConsumer : IWolverineHandler
{
    public static Task<EmbeddingModelList> Handle(Contracts.ListEmbeddingModels message, IMediator mediator, CancellationToken cancellationToken) =>
        mediator.Send(new ListEmbeddingModelsQuery(), cancellationToken);
}
