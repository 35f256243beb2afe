using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Monolith.BuildingBlocks.Modules;
using Wolverine;

namespace Monolith.ArchitectureTests.Fixtures.Visibility;

/// <summary>Allowed: the entry point.</summary>
public sealed class FixtureModule : IModule
{
    public string Name => "Fixture";

    public string Schema => "fixture";


    public void Register(IServiceCollection services, IConfiguration configuration)
    {
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }

    public Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Allowed: a Wolverine consumer.</summary>
public sealed class SomethingHappenedConsumer : IWolverineHandler;

/// <summary>Allowed: internal.</summary>
internal sealed class InternalService;

/// <summary>Violation: a public service.</summary>
public sealed class LeakyService;

/// <summary>Violation: a public Wolverine handler not named *Consumer.</summary>
public sealed class SomethingHappenedListener : IWolverineHandler;
