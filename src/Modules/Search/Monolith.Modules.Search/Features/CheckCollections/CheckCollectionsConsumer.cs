using MediatR;
using Monolith.Modules.Search.Contracts;
using Wolverine;

namespace Monolith.Modules.Search.Features.CheckCollections;

/// <summary>Answers <see cref="Contracts.CheckCollections"/> for other modules. Public only because Wolverine's generated code calls it.</summary>
public sealed class CheckCollectionsConsumer : IWolverineHandler
{
    public static Task<CheckedCollections> Handle(Contracts.CheckCollections message, IMediator mediator, CancellationToken cancellationToken) =>
        mediator.Send(new CheckCollectionsQuery(message.UserId, message.CollectionIds), cancellationToken);
}
