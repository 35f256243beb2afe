using MediatR;
using Monolith.Modules.Users.Contracts;
using Wolverine;

namespace Monolith.Modules.Chat.Features.EraseUserConversations;

/// <summary>Erases a deleted user's conversations. Public only because Wolverine's generated code calls it.</summary>
public sealed class EraseUserConversationsConsumer : IWolverineHandler
{
    public static Task Handle(UserDeleted message, IMediator mediator, CancellationToken cancellationToken) =>
        mediator.Send(new EraseUserConversations(message.UserId), cancellationToken);
}
