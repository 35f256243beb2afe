using MediatR;
using Monolith.BuildingBlocks.Data;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace Monolith.Modules.Search.Features.RunEvaluation;

/// <summary>
/// Runs evaluations from Search's durable queue with ingestion's retry rules: retried with backoff, through a
/// database outage until it is over; after the last attempt the evaluation ends <c>failed</c> with the reason.
/// A run the host never finished (it crashed) is delivered again after restart and starts over.
/// Public only because Wolverine's generated code calls it.
/// </summary>
public sealed class RunEvaluationConsumer : IWolverineHandler
{
    private static readonly TimeSpan[] Cooldowns = [TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)];

    internal static int Attempts => Cooldowns.Length + 1;

    public static void Configure(HandlerChain chain)
    {
        DatabaseOutage.RetryThroughOutages(chain);
        chain.OnAnyException().RetryWithCooldown(Cooldowns).Then.MoveToErrorQueue();

        // A thousand queries in three modes take minutes; Wolverine's default (60 s) would cancel the run.
        chain.ExecutionTimeoutInSeconds = 60 * 60;
    }

    public static Task Handle(Contracts.RunEvaluation message, Envelope envelope, IMediator mediator, CancellationToken cancellationToken) =>
        mediator.Send(new RunEvaluationCommand(message.EvaluationId, envelope.Attempts >= Attempts), cancellationToken);
}
