using MediatR;
using Monolith.Modules.Users.Contracts;
using Wolverine;

namespace Monolith.Modules.Embeddings.Features.EraseUserUsage;

/// <summary>Erases a deleted user's usage records. Public only because Wolverine's generated code calls it.</summary>
public sealed class EraseUserUsageConsumer : IWolverineHandler
{
    public static Task Handle(UserDeleted message, IMediator mediator, CancellationToken cancellationToken) =>
        mediator.Send(new EraseUserUsage(message.UserId), cancellationToken);
}
