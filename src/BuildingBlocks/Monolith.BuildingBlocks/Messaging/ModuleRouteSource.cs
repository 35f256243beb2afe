using Wolverine.Configuration;
using Wolverine.Runtime;
using Wolverine.Runtime.Routing;

namespace Monolith.BuildingBlocks.Messaging;

/// <summary>
/// Routes a contract message to every module that handles it: the module's own local queue when it
/// runs in this process, its RabbitMQ queue when it runs elsewhere (the endpoints ModularWolverine chose), and a
/// <see cref="ProcessBroadcasts"/> message also to the exchange every process listens to. Terminating, so Wolverine's
/// local routing cannot add a second copy for the same module.
/// </summary>
internal sealed class ModuleRouteSource(
    ModuleMessages messages,
    Func<ModuleHandler, Endpoint?> localEndpoint,
    Func<ModuleHandler, Endpoint?> remoteEndpoint,
    Func<Type, Endpoint?> broadcastEndpoint) : IMessageRouteSource
{
    public bool IsAdditive => false;

    public IEnumerable<IMessageRoute> FindRoutes(Type messageType, IWolverineRuntime runtime)
    {
        // No endpoint for any handler (one handler, here): nothing found, so Wolverine's own local routing
        // (and inline invocation) takes the message.
        return messages.HandlersOf(messageType)
            .Select(handler => localEndpoint(handler) ?? remoteEndpoint(handler))
            .Append(broadcastEndpoint(messageType))
            .OfType<Endpoint>()
            .Distinct()
            .Select(endpoint => MessageRoute.For(messageType, endpoint, runtime))
            .ToList();
    }
}
