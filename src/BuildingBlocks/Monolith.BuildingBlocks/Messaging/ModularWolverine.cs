using JasperFx.CodeGeneration.Model;
using Monolith.BuildingBlocks.Modules;
using Wolverine;
using Wolverine.EntityFrameworkCore;
using Wolverine.Postgresql;
using Wolverine.Util;

namespace Monolith.BuildingBlocks.Messaging;

/// <summary>Wolverine as the bus between modules, configured the same way in every process shape.</summary>
public static class ModularWolverine
{
    public const string Schema = "wolverine";

    // balanced = false (the default, Messaging:Balanced): this process is the only one using its
    // message store, so at start-up it takes over every message left by a crashed predecessor at once.
    // true: several processes share the store; a dead one's messages move after it misses heartbeats.
    public static void Configure(WolverineOptions options, string connectionString, IEnumerable<IModule> modules, bool balanced = false)
    {
        WolverineMessageNaming.InsertFirst<ContractMessageNaming>();

        options.PersistMessagesWithPostgresql(connectionString, Schema);
        options.Durability.Mode = balanced ? DurabilityMode.Balanced : DurabilityMode.Solo;
        options.UseEntityFrameworkCoreTransactions();
        options.Policies.AutoApplyTransactions();
        options.Policies.UseDurableLocalQueues();

        // Each module handles an event on its own queue, in its own transaction, with its own retries;
        // the same message id arriving at two modules is two deliveries, not a duplicate.
        options.MultipleHandlerBehavior = MultipleHandlerBehavior.Separated;
        options.Durability.MessageIdentity = MessageIdentity.IdAndDestination;

        // Only classes marked IWolverineHandler are Wolverine handlers: MediatR's *Handler classes
        // live in the same assemblies and belong to MediatR alone.
        options.Discovery.DisableConventionalDiscovery()
            .CustomizeHandlerDiscovery(query => query.Includes.Implements<IWolverineHandler>());
        foreach (var module in modules)
        {
            options.Discovery.IncludeAssembly(module.GetType().Assembly);
        }

        // Module consumers forward to MediatR, whose mediator is built by a factory delegate (MediatR 5
        // has no DI package); Wolverine must resolve that from the container.
        options.ServiceLocationPolicy = ServiceLocationPolicy.AlwaysAllowed;
        options.UseRuntimeCompilation();
    }
}
