using MediatR;
using Monolith.Modules.Users.Contracts;
using Wolverine;

namespace Monolith.Modules.Search.Features.EraseUserData;

/// <summary>Erases a deleted user's collections, documents and chunks. Public only because Wolverine's generated code calls it.</summary>
public sealed class EraseUserDataConsumer : IWolverineHandler
{
    public static Task Handle(UserDeleted message, IMediator mediator, CancellationToken cancellationToken) =>
        mediator.Send(new EraseUserData(message.UserId), cancellationToken);
}
