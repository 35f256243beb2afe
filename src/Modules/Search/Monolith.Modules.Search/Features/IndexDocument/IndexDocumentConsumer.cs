using MediatR;
using Monolith.BuildingBlocks.Data;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace Monolith.Modules.Search.Features.IndexDocument;

/// <summary>
/// Indexes documents from Search's durable queue. Failures are retried with backoff; after the last
/// attempt the document ends <c>failed</c> with the reason and the message goes to Wolverine's dead
/// letters. A database outage is not the document's fault: the document stays pending and the message
/// is retried until the outage is over (<see cref="DatabaseOutage.RetryThroughOutages"/>).
/// Public only because Wolverine's generated code calls it.
/// </summary>
public sealed class IndexDocumentConsumer : IWolverineHandler
{
    private static readonly TimeSpan[] Cooldowns = [TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)];

    /// <summary>First try plus one per cooldown.</summary>
    internal static int Attempts => Cooldowns.Length + 1;

    public static void Configure(HandlerChain chain)
    {
        // Ahead of the rule below, which would otherwise fail the document after 7.5 s of outage.
        DatabaseOutage.RetryThroughOutages(chain);
        chain.OnAnyException().RetryWithCooldown(Cooldowns).Then.MoveToErrorQueue();
    }

    public static Task Handle(Contracts.IndexDocument message, Envelope envelope, IMediator mediator, CancellationToken cancellationToken) =>
        mediator.Send(new IndexDocumentCommand(message.DocumentId, envelope.Attempts >= Attempts), cancellationToken);
}
