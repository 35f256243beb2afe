using MediatR;
using Monolith.BuildingBlocks.Data;
using Monolith.Modules.Users.Contracts;
using Wolverine;
using Wolverine.Runtime.Handlers;

namespace Monolith.Modules.Search.Features.EraseUserData;

/// <summary>Erases a deleted user's collections, documents and chunks. Public only because Wolverine's generated code calls it.</summary>
public sealed class EraseUserDataConsumer : IWolverineHandler
{
    // An account deletion must not be dropped because the database was briefly down.
    public static void Configure(HandlerChain chain) => DatabaseOutage.RetryThroughOutages(chain);

    public static Task Handle(UserDeleted message, IMediator mediator, CancellationToken cancellationToken) =>
        mediator.Send(new EraseUserData(message.UserId), cancellationToken);
}
