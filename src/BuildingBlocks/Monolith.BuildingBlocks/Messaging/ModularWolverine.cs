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

    public static void Configure(WolverineOptions options, string connectionString, IEnumerable<IModule> modules)
    {
        WolverineMessageNaming.InsertFirst<ContractMessageNaming>();

        options.PersistMessagesWithPostgresql(connectionString, Schema);
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
