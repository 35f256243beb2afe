using MediatR;
using Monolith.Modules.Embeddings.Contracts;
using Wolverine;

namespace Monolith.Modules.Embeddings.Features.GetEmbeddingModel;

/// <summary>Answers <see cref="Contracts.GetEmbeddingModel"/> for other modules. Public only because Wolverine's generated code calls it.</summary>
public sealed class GetEmbeddingModelConsumer : IWolverineHandler
{
    public static Task<EmbeddingModelInfo> Handle(Contracts.GetEmbeddingModel message, IMediator mediator, CancellationToken cancellationToken) =>
        mediator.Send(new GetEmbeddingModelQuery(message.Model), cancellationToken);
}
