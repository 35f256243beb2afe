using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Monolith.BuildingBlocks.Application;
using Monolith.BuildingBlocks.Data;
using Monolith.BuildingBlocks.Modules;
using Monolith.BuildingBlocks.Security;
using Monolith.Modules.Search.Data;
using Monolith.Modules.Search.Features.AddDocuments;
using Monolith.Modules.Search.Features.CreateCollection;
using Monolith.Modules.Search.Features.CreateEvaluation;
using Monolith.Modules.Search.Features.DeleteCollection;
using Monolith.Modules.Search.Features.DeleteDocument;
using Monolith.Modules.Search.Features.DownloadFile;
using Monolith.Modules.Search.Features.GetCollection;
using Monolith.Modules.Search.Features.GetDocument;
using Monolith.Modules.Search.Features.GetEvaluation;
using Monolith.Modules.Search.Features.ListCollections;
using Monolith.Modules.Search.Features.ListDocuments;
using Monolith.Modules.Search.Features.ListEvaluations;
using Monolith.Modules.Search.Features.SearchCollection;
using Monolith.Modules.Search.Features.UploadFiles;
using Monolith.Modules.Search.Ingestion.Files;
using Monolith.Modules.Search.Retrieval;

namespace Monolith.Modules.Search;

/// <summary>Collections of documents, durable chunk → embed → index ingestion, vector / keyword / hybrid search, and retrieval evaluations.</summary>
public sealed class SearchModule : IModule
{
    private long _maxRequestBodyBytes;
    private FileLimits _fileLimits = new();

    public string Name => "Search";

    public string Schema => SearchDbContext.Schema;

    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleApplication(typeof(SearchModule).Assembly);
        services.AddModuleDbContext<SearchDbContext>(configuration, Name, Schema);
        var section = configuration.GetSection("Search");
        services.Configure<SearchOptions>(section);
        _maxRequestBodyBytes = section.Get<SearchOptions>()?.Limits.MaxRequestBodyBytes ?? new SearchLimits().MaxRequestBodyBytes;
        _fileLimits = section.Get<SearchOptions>()?.Files ?? new FileLimits();
        services.AddSingleton<VectorIndexes>();
        services.AddScoped<ChunkSearch>();
        services.AddSingleton<FileExtractor>();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        var collections = endpoints.MapGroup("/api/v1/collections").WithTags("Search").RequireAuthorization()
            .RequireScopes(read: ApiScopes.SearchRead, write: ApiScopes.SearchWrite);
        CreateCollectionEndpoint.Map(collections);
        ListCollectionsEndpoint.Map(collections);
        GetCollectionEndpoint.Map(collections);
        DeleteCollectionEndpoint.Map(collections);
        AddDocumentsEndpoint.Map(collections, _maxRequestBodyBytes);
        UploadFilesEndpoint.Map(collections, _fileLimits);
        DownloadFileEndpoint.Map(collections);
        GetDocumentEndpoint.Map(collections);
        ListDocumentsEndpoint.Map(collections);
        DeleteDocumentEndpoint.Map(collections);
        SearchCollectionEndpoint.Map(collections);
        CreateEvaluationEndpoint.Map(collections, _maxRequestBodyBytes);
        ListEvaluationsEndpoint.Map(collections);
        GetEvaluationEndpoint.Map(collections);
    }

    public Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        ModuleDatabase.MigrateAsync<SearchDbContext>(services, cancellationToken);
}
