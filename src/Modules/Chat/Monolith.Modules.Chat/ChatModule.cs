using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Monolith.BuildingBlocks.Application;
using Monolith.BuildingBlocks.Data;
using Monolith.BuildingBlocks.Modules;
using Monolith.Modules.Chat.Data;

namespace Monolith.Modules.Chat;

/// <summary>Conversations answered with retrieval-augmented generation (filled in by its own issue).</summary>
public sealed class ChatModule : IModule
{
    public string Name => "Chat";

    public string Schema => ChatDbContext.Schema;

    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleApplication(typeof(ChatModule).Assembly);
        services.AddModuleDbContext<ChatDbContext>(configuration, Name, Schema);
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }

    public Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        ModuleDatabase.MigrateAsync<ChatDbContext>(services, cancellationToken);
}
