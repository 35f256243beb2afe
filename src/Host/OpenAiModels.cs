using System.Text.Json.Serialization;
using Monolith.BuildingBlocks.Application;
using Monolith.BuildingBlocks.Modules;
using Monolith.BuildingBlocks.Security;
using Monolith.Modules.Chat.Contracts;
using Monolith.Modules.Embeddings.Contracts;
using Wolverine;

namespace Monolith.Host;

/// <summary>
/// <c>GET /v1/models</c> spans two modules (embedding and chat models), so the host composes it
/// from their contracts, in OpenAI's list shape (clients require id, object, created, owned_by).
/// </summary>
internal static class OpenAiModels
{
    public static void MapOpenAiModels(this IEndpointRouteBuilder endpoints, IReadOnlyList<IModule> modules)
    {
        // Models are configured at start-up, so "created" is when this process made them available.
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var names = modules.Select(m => m.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);

        async Task<List<ModelEntry>> ListAsync(IMessageBus bus, CancellationToken cancellationToken)
        {
            var entries = new List<ModelEntry>();
            if (names.Contains("Embeddings"))
            {
                var embedding = await bus.InvokeAsync<EmbeddingModelList>(new ListEmbeddingModels(), cancellationToken);
                entries.AddRange(embedding.Models.Select(m => new ModelEntry(m.Name, "model", created, m.OwnedBy)));
            }

            if (names.Contains("Chat"))
            {
                var chat = await bus.InvokeAsync<ChatModelList>(new ListChatModels(), cancellationToken);
                entries.AddRange(chat.Models.Select(m => new ModelEntry(m.Name, "model", created, m.OwnedBy)));
            }

            return entries;
        }

        endpoints.MapGet("/v1/models", async (IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(new ModelList("list", await ListAsync(bus, cancellationToken))))
            .WithName("ListModels")
            .WithSummary("The configured embedding and chat models (OpenAI-compatible)")
            .WithTags("OpenAI compatible")
            .RequireAuthorization()
            .AllowAnyScope() // every OpenAI client lists the models first
            .Produces(StatusCodes.Status401Unauthorized);

        endpoints.MapGet("/v1/models/{id}", async (string id, IMessageBus bus, CancellationToken cancellationToken) =>
                (await ListAsync(bus, cancellationToken)).FirstOrDefault(m => m.Id == id) is { } model
                    ? TypedResults.Ok(model)
                    : throw ProblemException.ModelNotFound(id))
            .WithName("RetrieveModel")
            .WithSummary("One configured model by id (OpenAI-compatible)")
            .WithTags("OpenAI compatible")
            .RequireAuthorization()
            .AllowAnyScope()
            .Produces(StatusCodes.Status401Unauthorized)
            .Produces(StatusCodes.Status404NotFound);
    }

    private sealed record ModelList(
        [property: JsonPropertyName("object")] string Object,
        [property: JsonPropertyName("data")] IReadOnlyList<ModelEntry> Data);

    private sealed record ModelEntry(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("object")] string Object,
        [property: JsonPropertyName("created")] long Created,
        [property: JsonPropertyName("owned_by")] string OwnedBy);
}
