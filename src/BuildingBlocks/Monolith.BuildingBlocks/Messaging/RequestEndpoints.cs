using Wolverine.Configuration;
using Wolverine.RabbitMQ.Internal;
using Wolverine.Runtime;

namespace Monolith.BuildingBlocks.Messaging;

/// <summary>
/// Sends requests to other processes' "&lt;queue&gt;.requests" and replies to the caller's reply queue inline, after
/// the durable outbox policy, which would otherwise write an outbox row for each of them (ADR 59). Commands and
/// events keep their outbox.
/// </summary>
internal sealed class RequestEndpoints(IReadOnlySet<Uri> requestQueues) : IEndpointPolicy
{
    /// <summary>Requests one process answers at once per module (each holds one unacknowledged message).</summary>
    public const int Consumers = 8;

    private const string ReplyQueuePrefix = "wolverine.response.";

    public static string QueueOf(string moduleQueue) => moduleQueue + ".requests";

    public void Apply(Endpoint endpoint, IWolverineRuntime runtime)
    {
        if (endpoint.IsListener)
        {
            return;
        }

        if (requestQueues.Contains(endpoint.Uri)
            || (endpoint is RabbitMqQueue queue && queue.QueueName.StartsWith(ReplyQueuePrefix, StringComparison.Ordinal)))
        {
            endpoint.Mode = EndpointMode.Inline;
        }
    }
}
