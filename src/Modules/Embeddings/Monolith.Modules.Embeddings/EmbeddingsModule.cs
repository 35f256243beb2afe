using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Monolith.BuildingBlocks.Application;
using Monolith.BuildingBlocks.Data;
using Monolith.BuildingBlocks.Modules;
using Monolith.BuildingBlocks.Security;
using Monolith.Modules.Embeddings.Data;
using Monolith.Modules.Embeddings.Features.CreateEmbeddings;
using Monolith.Modules.Embeddings.Models;

namespace Monolith.Modules.Embeddings;

/// <summary>Text → vectors: the local model by default, OpenAI-compatible upstreams by configuration.</summary>
public sealed class EmbeddingsModule : IModule
{
    private long _maxRequestBodyBytes;

    public string Name => "Embeddings";

    public string Schema => EmbeddingsDbContext.Schema;

    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleApplication(typeof(EmbeddingsModule).Assembly);
        services.AddModuleDbContext<EmbeddingsDbContext>(configuration, Name, Schema);
        var section = configuration.GetSection("Embeddings");
        services.Configure<EmbeddingsOptions>(section);
        _maxRequestBodyBytes = section.Get<EmbeddingsOptions>()?.Limits.MaxRequestBodyBytes ?? new EmbeddingLimits().MaxRequestBodyBytes;
        services.AddSingleton<EmbeddingModels>();
        services.AddScoped<EmbeddingService>();
        services.AddSingleton<QueryEmbeddingCache>();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        // OpenAI's paths, so OpenAI clients work with only their base URL changed.
        var openAi = endpoints.MapGroup("/v1").WithTags("OpenAI compatible").RequireAuthorization().RequireScope(ApiScopes.Embeddings);
        CreateEmbeddingsEndpoint.Map(openAi, _maxRequestBodyBytes);
    }

    public Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        ModuleDatabase.MigrateAsync<EmbeddingsDbContext>(services, cancellationToken);
}
