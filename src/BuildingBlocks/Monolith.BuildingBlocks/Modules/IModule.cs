using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Monolith.BuildingBlocks.Modules;

/// <summary>
/// The one public entry point of a module: the host composes the platform from these,
/// so a module can be switched on or off (or moved to another process) by configuration.
/// </summary>
public interface IModule
{
    /// <summary>Name used in <c>Modules:Enabled</c> and in logs, e.g. "Users".</summary>
    string Name { get; }

    /// <summary>The PostgreSQL schema this module owns; nothing else writes there.</summary>
    string Schema { get; }

    void Register(IServiceCollection services, IConfiguration configuration);

    /// <summary>Maps the module's HTTP API; a gateway forwards the same routes (<see cref="ModuleRoutes"/>) when the module runs elsewhere.</summary>
    void MapEndpoints(IEndpointRouteBuilder endpoints);

    /// <summary>Applies this module's EF Core migrations to its own schema.</summary>
    Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken);
}
