using Npgsql;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace Monolith.BuildingBlocks.Data;

/// <summary>
/// Recognises a failure caused by the database being unreachable or recovering (refused or timed-out
/// connects, connections cut by a shutdown, an exhausted pool), as opposed to a bug or bad data:
/// the same request is expected to succeed once the database is back.
/// </summary>
public static class DatabaseOutage
{
    // 1 s, 2 s, 5 s, 5 s, 10 s, 10 s, then every 30 s: about ten minutes (Wolverine allows 25 attempts).
    private static readonly TimeSpan[] RetryCooldowns =
        [.. new[] { 1, 2, 5, 5, 10, 10 }.Select(seconds => TimeSpan.FromSeconds(seconds)), .. Enumerable.Repeat(TimeSpan.FromSeconds(30), 18)];

    /// <summary>
    /// True when the exception or one it wraps is a transient <see cref="NpgsqlException"/>. EF Core and
    /// Wolverine wrap Npgsql's exceptions (e.g. "likely due to a transient failure"), hence the walk.
    /// </summary>
    public static bool IsCause(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is NpgsqlException { IsTransient: true })
            {
                return true;
            }

            if (current is AggregateException aggregate)
            {
                return aggregate.InnerExceptions.Any(IsCause);
            }
        }

        return false;
    }

    /// <summary>
    /// For handlers of durable queues only (request/reply calls must fail fast instead): a message whose
    /// handler met an outage is retried in memory (nothing can be written meanwhile, not even a scheduled
    /// retry) until the database is back, for about ten minutes, ahead of the chain's other rules. Wolverine
    /// picks a rule's step by the envelope's attempt number, whatever failed before.
    /// </summary>
    public static void RetryThroughOutages(HandlerChain chain) =>
        chain.OnException(IsCause).RetryWithCooldown(RetryCooldowns);
}
