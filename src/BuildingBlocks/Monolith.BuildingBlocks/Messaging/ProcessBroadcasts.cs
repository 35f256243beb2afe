namespace Monolith.BuildingBlocks.Messaging;

/// <summary>
/// Messages that reach every process (every copy of every shape), not one copy per module: what a process keeps in
/// memory about other modules' data, e.g. cached callers, is dropped when they are published. With RabbitMQ they go
/// to the fanout exchange "&lt;prefix&gt;.broadcast"; a process with <paramref name="Handlers"/> listens on a queue of
/// its own bound to it, which lives as long as the process (what it missed while down, it never cached).
/// </summary>
public sealed record ProcessBroadcasts(IReadOnlyCollection<Type> MessageTypes, IReadOnlyCollection<Type> Handlers)
{
    public static ProcessBroadcasts None { get; } = new([], []);
}
