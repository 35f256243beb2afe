using System.Text.Json;
using System.Text.Json.Nodes;
using MediatR;
using Microsoft.Extensions.Options;
using Monolith.BuildingBlocks.Application;
using Monolith.Modules.Chat.Data;
using Monolith.Modules.Chat.Features.ChatCompletions;

namespace Monolith.Modules.Chat.Features.ListResponseInputItems;

/// <summary>
/// The stored conversation up to the answer, as Responses items (as at OpenAI, a continued response's input holds the
/// turns before it), ordered, then the page after <c>after</c> / before <c>before</c>.
/// </summary>
internal sealed class ListResponseInputItemsHandler(ChatDbContext db, IOptions<ChatSettings> options, TimeProvider clock)
    : IRequestHandler<ListResponseInputItems, string>
{
    public async Task<string> Handle(ListResponseInputItems query, CancellationToken cancellationToken)
    {
        var stored = await db.OwnedResponseAsync(query.ResponseId, query.UserId, clock.GetUtcNow().AddDays(-options.Value.Limits.StoredResponseDays), cancellationToken);
        var conversation = JsonSerializer.Deserialize<List<CompletionMessage>>(stored.Conversation, CompletionStream.Json)!;
        var items = InputItems.Of(stored.Id, conversation.Take(conversation.Count - 1)); // the last message is the answer
        if (!query.Ascending)
        {
            items.Reverse();
        }

        var start = query.After is null ? 0 : Position(items, query.After, "after") + 1;
        var end = query.Before is null ? items.Count : Position(items, query.Before, "before");
        var window = items.Skip(start).Take(Math.Max(0, end - start)).ToList();
        var page = window.Take(query.PageSize).ToList();
        return new JsonObject
        {
            ["object"] = "list",
            ["data"] = new JsonArray(page.Select(item => (JsonNode)item).ToArray()),
            ["first_id"] = page.FirstOrDefault()?["id"]?.DeepClone(),
            ["last_id"] = page.LastOrDefault()?["id"]?.DeepClone(),
            ["has_more"] = window.Count > page.Count,
        }.ToJsonString(CompletionStream.Json);
    }

    private static int Position(List<JsonObject> items, string id, string param)
    {
        var index = items.FindIndex(item => item["id"]!.GetValue<string>() == id);
        return index >= 0 ? index : throw ProblemException.InvalidField(param, $"{param} must be the id of one of this response's input items.");
    }
}
