using MediatR;
using Monolith.BuildingBlocks.Data;
using Monolith.Modules.Users.Contracts;
using Wolverine;
using Wolverine.Runtime.Handlers;

namespace Monolith.Modules.Embeddings.Features.EraseUserUsage;

/// <summary>Erases a deleted user's usage records. Public only because Wolverine's generated code calls it.</summary>
public sealed class EraseUserUsageConsumer : IWolverineHandler
{
    // An account deletion must not be dropped because the database was briefly down.
    public static void Configure(HandlerChain chain) => DatabaseOutage.RetryThroughOutages(chain);

    public static Task Handle(UserDeleted message, IMediator mediator, CancellationToken cancellationToken) =>
        mediator.Send(new EraseUserUsage(message.UserId), cancellationToken);
}
