using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Monolith.BuildingBlocks.Application;
using Monolith.BuildingBlocks.Data;
using Monolith.BuildingBlocks.Modules;
using Monolith.Modules.Search.Data;

namespace Monolith.Modules.Search;

/// <summary>Collections, ingestion and retrieval (filled in by its own issue).</summary>
public sealed class SearchModule : IModule
{
    public string Name => "Search";

    public string Schema => SearchDbContext.Schema;

    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleApplication(typeof(SearchModule).Assembly);
        services.AddModuleDbContext<SearchDbContext>(configuration, Name, Schema);
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }

    public Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        ModuleDatabase.MigrateAsync<SearchDbContext>(services, cancellationToken);
}
