using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Monolith.BuildingBlocks.Application;
using Monolith.BuildingBlocks.Data;
using Monolith.BuildingBlocks.Modules;
using Monolith.BuildingBlocks.Security;
using Monolith.Modules.Chat.Answering;
using Monolith.Modules.Chat.Data;
using Monolith.Modules.Chat.Features.ChatCompletions;
using Monolith.Modules.Chat.Features.CreateConversation;
using Monolith.Modules.Chat.Features.DeleteConversation;
using Monolith.Modules.Chat.Features.DeleteResponse;
using Monolith.Modules.Chat.Features.GetConversation;
using Monolith.Modules.Chat.Features.GetResponse;
using Monolith.Modules.Chat.Features.ListConversations;
using Monolith.Modules.Chat.Features.ListResponseInputItems;
using Monolith.Modules.Chat.Features.PostMessage;
using Monolith.Modules.Chat.Features.RenameConversation;
using Monolith.Modules.Chat.Features.Responses;
using Monolith.Modules.Chat.Models;

namespace Monolith.Modules.Chat;

/// <summary>Conversations answered with retrieval-augmented generation and citations, streaming; OpenAI-compatible chat completions.</summary>
public sealed class ChatModule : IModule
{
    public string Name => "Chat";

    public string Schema => ChatDbContext.Schema;

    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleApplication(typeof(ChatModule).Assembly);
        services.AddModuleDbContext<ChatDbContext>(configuration, Name, Schema);
        services.Configure<ChatSettings>(configuration.GetSection("Chat"));
        services.AddSingleton<ChatModels>();
        services.AddScoped<Answerer>();
        services.AddScoped<ChatUsage>();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        var conversations = endpoints.MapGroup("/api/v1/conversations").WithTags("Chat").RequireAuthorization().RequireScope(ApiScopes.Chat);
        CreateConversationEndpoint.Map(conversations);
        ListConversationsEndpoint.Map(conversations);
        GetConversationEndpoint.Map(conversations);
        RenameConversationEndpoint.Map(conversations);
        DeleteConversationEndpoint.Map(conversations);
        PostMessageEndpoint.Map(conversations);

        var openAi = endpoints.MapGroup("/v1").WithTags("OpenAI compatible").RequireAuthorization().RequireScope(ApiScopes.Chat);
        ChatCompletionsEndpoint.Map(openAi);
        ResponsesEndpoint.Map(openAi);
        GetResponseEndpoint.Map(openAi);
        DeleteResponseEndpoint.Map(openAi);
        ListResponseInputItemsEndpoint.Map(openAi);
    }

    public Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        ModuleDatabase.MigrateAsync<ChatDbContext>(services, cancellationToken);
}
