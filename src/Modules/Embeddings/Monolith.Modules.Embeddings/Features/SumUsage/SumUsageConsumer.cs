using MediatR;
using Monolith.Modules.Embeddings.Contracts;
using Wolverine;

namespace Monolith.Modules.Embeddings.Features.SumUsage;

/// <summary>Answers <see cref="SumEmbeddingsUsage"/> for the usage API. Public only because Wolverine's generated code calls it.</summary>
public sealed class SumUsageConsumer : IWolverineHandler
{
    public static Task<EmbeddingsUsageSums> Handle(SumEmbeddingsUsage message, IMediator mediator, CancellationToken cancellationToken) =>
        mediator.Send(new SumUsageQuery(message), cancellationToken);
}
