using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Monolith.BuildingBlocks.Application;
using Monolith.BuildingBlocks.Data;
using Monolith.BuildingBlocks.Modules;
using Monolith.Modules.Embeddings.Data;

namespace Monolith.Modules.Embeddings;

/// <summary>Embedding generation for users and other modules (filled in by its own issue).</summary>
public sealed class EmbeddingsModule : IModule
{
    public string Name => "Embeddings";

    public string Schema => EmbeddingsDbContext.Schema;

    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleApplication(typeof(EmbeddingsModule).Assembly);
        services.AddModuleDbContext<EmbeddingsDbContext>(configuration, Name, Schema);
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }

    public Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        ModuleDatabase.MigrateAsync<EmbeddingsDbContext>(services, cancellationToken);
}
