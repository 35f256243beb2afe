namespace Monolith.BuildingBlocks.Messaging;

/// <summary>The <c>Messaging</c> configuration section.</summary>
public sealed class MessagingSettings
{
    /// <summary>
    /// RabbitMQ connection URI (amqp://user:password@host:port/vhost). Unset: every module must run in
    /// this process and messages travel on local durable queues only.
    /// </summary>
    public string? RabbitMq { get; set; }

    /// <summary>Prefix of this deployment's RabbitMQ queues: "&lt;prefix&gt;.&lt;module&gt;".</summary>
    public string QueuePrefix { get; set; } = "monolith";

    /// <summary>
    /// Schema of this process's message store (outbox, inbox, dead letters). Default "wolverine" when
    /// the process runs every module, else "wolverine_&lt;its modules&gt;", so processes of different
    /// shapes never take over each other's messages.
    /// </summary>
    public string? Schema { get; set; }

    /// <summary>Several copies of this process share one message store (see <see cref="ModularWolverine"/>).</summary>
    public bool Balanced { get; set; }

    /// <summary>How long a request to a module in another process may take before it fails.</summary>
    public int RemoteTimeoutSeconds { get; set; } = 120;
}
