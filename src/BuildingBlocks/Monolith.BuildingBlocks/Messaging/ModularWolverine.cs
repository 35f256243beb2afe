using JasperFx.CodeGeneration.Model;
using Microsoft.Extensions.DependencyInjection;
using Monolith.BuildingBlocks.Modules;
using Wolverine;
using Wolverine.Configuration;
using Wolverine.EntityFrameworkCore;
using Wolverine.Postgresql;
using Wolverine.RabbitMQ;
using Wolverine.RabbitMQ.Internal;
using Wolverine.Util;

namespace Monolith.BuildingBlocks.Messaging;

/// <summary>Wolverine as the bus between modules, configured the same way in every process shape.</summary>
public static class ModularWolverine
{
    public const string Schema = "wolverine";

    /// <summary>The message store schema of a process running <paramref name="enabled"/> (see <see cref="MessagingSettings.Schema"/>).</summary>
    public static string SchemaFor(MessagingSettings settings, IReadOnlyCollection<IModule> known, IReadOnlyCollection<IModule> enabled) =>
        settings.Schema ?? (enabled.Count == known.Count
            ? Schema
            : Schema + "_" + string.Join("_", enabled.Select(m => m.Name.ToLowerInvariant()).Order(StringComparer.Ordinal)));

    // Balanced = false (the default): this process is the only one using its message store, so at
    // start-up it takes over every message left by a crashed predecessor at once. True: several copies
    // of the process share the store; a dead one's messages move after it misses heartbeats.
    public static void Configure(
        WolverineOptions options, string connectionString, IReadOnlyList<IModule> known, IReadOnlyList<IModule> enabled, MessagingSettings settings,
        ProcessBroadcasts? broadcasts = null)
    {
        WolverineMessageNaming.InsertFirst<ContractMessageNaming>();

        options.PersistMessagesWithPostgresql(connectionString, SchemaFor(settings, known, enabled));
        options.Durability.Mode = settings.Balanced ? DurabilityMode.Balanced : DurabilityMode.Solo;
        options.UseEntityFrameworkCoreTransactions();
        options.Policies.AutoApplyTransactions();
        options.Policies.UseDurableLocalQueues();
        RemoteProblem.Configure(options);

        // Each module handles an event on its own queue, in its own transaction, with its own retries;
        // the same message id arriving at two modules is two deliveries, not a duplicate.
        options.MultipleHandlerBehavior = MultipleHandlerBehavior.Separated;
        options.Durability.MessageIdentity = MessageIdentity.IdAndDestination;

        // Only classes marked IWolverineHandler are Wolverine handlers: MediatR's *Handler classes
        // live in the same assemblies and belong to MediatR alone.
        options.Discovery.DisableConventionalDiscovery()
            .CustomizeHandlerDiscovery(query => query.Includes.Implements<IWolverineHandler>());
        foreach (var module in enabled)
        {
            options.Discovery.IncludeAssembly(module.GetType().Assembly);
        }

        // Module consumers forward to MediatR, whose mediator is built by a factory delegate (MediatR 5
        // has no DI package); Wolverine must resolve that from the container.
        options.ServiceLocationPolicy = ServiceLocationPolicy.AlwaysAllowed;
        options.UseRuntimeCompilation();

        if (!string.IsNullOrWhiteSpace(settings.RabbitMq))
        {
            RouteBetweenProcesses(options, known, enabled, settings, broadcasts ?? ProcessBroadcasts.None);
        }
        else if (enabled.Count < known.Count)
        {
            throw new InvalidOperationException(
                $"Modules {string.Join(", ", known.Except(enabled).Select(m => m.Name))} run in another process, so Messaging:RabbitMq must be configured.");
        }
    }

    /// <summary>
    /// Each module listens on its own RabbitMQ queue ("&lt;prefix&gt;.&lt;module&gt;", durable inbox); a
    /// message for a module that is not in this process goes there through the durable outbox, and a
    /// request (InvokeAsync) gets its reply on this process's reply queue.
    /// </summary>
    private static void RouteBetweenProcesses(
        WolverineOptions options, IReadOnlyList<IModule> known, IReadOnlyList<IModule> enabled, MessagingSettings settings, ProcessBroadcasts broadcasts)
    {
        var transport = options.UseRabbitMq(new Uri(settings.RabbitMq!)).AutoProvision();
        var rabbit = options.Transports.GetOrCreate<RabbitMqTransport>();
        var broadcastExchange = $"{settings.QueuePrefix}.broadcast";
        transport.DeclareExchange(broadcastExchange, exchange => exchange.ExchangeType = ExchangeType.Fanout);
        var broadcastEndpoint = rabbit.EndpointForExchange(broadcastExchange); // known at start-up: built on first use it was seconds slower
        if (broadcasts.Handlers.Count > 0)
        {
            var queueName = $"{broadcastExchange}.{Guid.NewGuid():N}";
            transport.BindExchange(broadcastExchange).ToQueue(queueName, queue =>
            {
                queue.IsDurable = false;
                queue.AutoDelete = true;
                queue.IsExclusive = true;
            });
            options.ListenToRabbitQueue(queueName);
            foreach (var handler in broadcasts.Handlers)
            {
                options.Discovery.IncludeType(handler);
            }

            options.Services.AddSingleton(broadcasts);
            options.Services.AddHostedService<BroadcastHandlerWarmUp>();
        }

        var messages = new ModuleMessages(known);
        string QueueOf(IModule module) => $"{settings.QueuePrefix}.{module.Name.ToLowerInvariant()}";

        var listeners = enabled.ToDictionary(m => m, m => options.ListenToRabbitQueue(QueueOf(m)).UseDurableInbox());
        var remote = known.Except(enabled).ToDictionary(m => m, m => (Endpoint)rabbit.EndpointForQueue(QueueOf(m)));

        // Requests (a contract answered with a reply) travel on "<queue>.requests" with no outbox or inbox rows, and
        // so do their replies (ADR 59): the caller waits for the answer and times out without it, so a request
        // kept for a later replay helps no one. Acknowledged only once answered, so one that a dying copy held goes
        // to another copy.
        foreach (var module in enabled)
        {
            options.ListenToRabbitQueue(RequestEndpoints.QueueOf(QueueOf(module)))
                .ProcessInline().ListenerCount(RequestEndpoints.Consumers).PreFetchCount(1);
        }

        var remoteRequests = known.Except(enabled)
            .ToDictionary(m => m, m => (Endpoint)rabbit.EndpointForQueue(RequestEndpoints.QueueOf(QueueOf(m))));

        // Where several modules of this process handle one message (UserDeleted), each handler is pinned
        // to its module's RabbitMQ queue and to its own local queue: a copy arriving for Search runs
        // Search's handler only, never a second time for the other modules of the process.
        var localQueues = new Dictionary<Type, Endpoint>();
        foreach (var messageType in messages.MessageTypes)
        {
            var handlers = messages.HandlersOf(messageType).Where(h => enabled.Contains(h.Module)).ToList();
            if (handlers.Count == messages.HandlersOf(messageType).Count && handlers.Count <= 1)
            {
                continue; // handled here alone: left to Wolverine's own local routing
            }

            foreach (var handler in handlers)
            {
                var queueName = handler.HandlerType.FullName!.ToLowerInvariant();
                var queue = options.LocalQueue(queueName);
                localQueues[handler.HandlerType] = options.Transports.GetOrCreateEndpoint(new Uri($"local://{queueName}"));
                if (handlers.Count > 1)
                {
                    queue.AddStickyHandler(handler.HandlerType);
                    listeners[handler.Module].AddStickyHandler(handler.HandlerType);
                }
            }
        }

        options.Policies.UseDurableOutboxOnAllSendingEndpoints();
        options.Policies.Add(new RequestEndpoints(remoteRequests.Values.Select(endpoint => endpoint.Uri).ToHashSet()));
        options.DefaultRemoteInvocationTimeout = TimeSpan.FromSeconds(settings.RemoteTimeoutSeconds);
        options.PublishWithMessageRoutingSource(new ModuleRouteSource(
            messages,
            handler => localQueues.GetValueOrDefault(handler.HandlerType),
            handler => (handler.Replies ? remoteRequests : remote).GetValueOrDefault(handler.Module),
            messageType => broadcasts.MessageTypes.Contains(messageType) ? broadcastEndpoint : null));
    }
}
