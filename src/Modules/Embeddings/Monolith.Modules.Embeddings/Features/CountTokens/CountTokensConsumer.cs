using MediatR;
using Monolith.Modules.Embeddings.Contracts;
using Wolverine;

namespace Monolith.Modules.Embeddings.Features.CountTokens;

/// <summary>Answers <see cref="Contracts.CountTokens"/> for other modules. Public only because Wolverine's generated code calls it.</summary>
public sealed class CountTokensConsumer : IWolverineHandler
{
    public static Task<TokenCounts> Handle(Contracts.CountTokens message, IMediator mediator, CancellationToken cancellationToken) =>
        mediator.Send(new CountTokensQuery(message), cancellationToken);
}
