using MediatR;
using Monolith.BuildingBlocks.Data;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace Monolith.Modules.Search.Features.ExtractDocument;

/// <summary>
/// Extracts uploaded files from Search's durable queue, with the same retry rules as indexing: a file that
/// cannot be read fails at once with the reason (retrying cannot help), anything else is retried with
/// backoff, a database outage until it is over. Public only because Wolverine's generated code calls it.
/// </summary>
public sealed class ExtractDocumentConsumer : IWolverineHandler
{
    private static readonly TimeSpan[] Cooldowns = [TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)];

    internal static int Attempts => Cooldowns.Length + 1;

    public static void Configure(HandlerChain chain)
    {
        DatabaseOutage.RetryThroughOutages(chain);
        chain.OnAnyException().RetryWithCooldown(Cooldowns).Then.MoveToErrorQueue();

        // Wolverine's default (60 s) would cancel a long extraction before its own, configurable time limit.
        chain.ExecutionTimeoutInSeconds = 30 * 60;
    }

    public static Task Handle(Contracts.ExtractDocument message, Envelope envelope, IMediator mediator, CancellationToken cancellationToken) =>
        mediator.Send(new ExtractDocumentCommand(message.DocumentId, envelope.Attempts >= Attempts), cancellationToken);
}
