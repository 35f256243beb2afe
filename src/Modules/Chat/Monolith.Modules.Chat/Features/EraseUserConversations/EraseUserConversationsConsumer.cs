using MediatR;
using Monolith.BuildingBlocks.Data;
using Monolith.Modules.Users.Contracts;
using Wolverine;
using Wolverine.Runtime.Handlers;

namespace Monolith.Modules.Chat.Features.EraseUserConversations;

/// <summary>Erases a deleted user's conversations and stored responses. Public only because Wolverine's generated code calls it.</summary>
public sealed class EraseUserConversationsConsumer : IWolverineHandler
{
    // An account deletion must not be dropped because the database was briefly down.
    public static void Configure(HandlerChain chain) => DatabaseOutage.RetryThroughOutages(chain);

    public static Task Handle(UserDeleted message, IMediator mediator, CancellationToken cancellationToken) =>
        mediator.Send(new EraseUserConversations(message.UserId), cancellationToken);
}
