using MediatR;
using Monolith.Modules.Embeddings.Contracts;
using Wolverine;

namespace Monolith.Modules.Embeddings.Features.GenerateEmbeddings;

/// <summary>Answers <see cref="Contracts.GenerateEmbeddings"/> for other modules. Public only because Wolverine's generated code calls it.</summary>
public sealed class GenerateEmbeddingsConsumer : IWolverineHandler
{
    public static Task<GeneratedEmbeddings> Handle(Contracts.GenerateEmbeddings message, IMediator mediator, CancellationToken cancellationToken) =>
        mediator.Send(new GenerateEmbeddingsQuery(message), cancellationToken);
}
