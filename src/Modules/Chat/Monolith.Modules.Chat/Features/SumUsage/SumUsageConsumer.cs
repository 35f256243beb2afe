using MediatR;
using Monolith.Modules.Chat.Contracts;
using Wolverine;

namespace Monolith.Modules.Chat.Features.SumUsage;

/// <summary>Answers <see cref="SumChatUsage"/> for the usage API. Public only because Wolverine's generated code calls it.</summary>
public sealed class SumUsageConsumer : IWolverineHandler
{
    public static Task<ChatUsageSums> Handle(SumChatUsage message, IMediator mediator, CancellationToken cancellationToken) =>
        mediator.Send(new SumUsageQuery(message), cancellationToken);
}
