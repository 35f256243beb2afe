using MediatR;
using Monolith.Modules.Users.Contracts;
using Wolverine;

namespace Monolith.Modules.Users.Features.CheckUserActive;

/// <summary>Answers <see cref="CheckUserActive"/> for any process. Public only because Wolverine's generated code calls it.</summary>
public sealed class CheckUserActiveConsumer : IWolverineHandler
{
    public static Task<CallerIdentity> Handle(Contracts.CheckUserActive message, IMediator mediator, CancellationToken cancellationToken) =>
        mediator.Send(new CheckUserActiveQuery(message.UserId), cancellationToken);
}
