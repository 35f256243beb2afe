using System.Text.Json;
using System.Text.Json.Nodes;

namespace Monolith.Modules.Chat.Features.ChatCompletions;

/// <summary>
/// A request relayed to an OpenAI-compatible upstream as the client sent it: every field (tools, tool_choice,
/// response_format, n, seed, logprobs, penalties, ...) and every message (tool calls, tool results, image parts)
/// unchanged, only <c>model</c> set to the upstream's id, our <c>collection_ids</c> taken out, and, when collections
/// ground the answer, the system messages replaced by one system prompt that holds them and the numbered sources.
/// </summary>
internal static class RelayedRequest
{
    /// <summary>
    /// Relayed when Microsoft.Extensions.AI's mapping would lose something: any field or message field we do not
    /// model, a tool result, or a non-text content part. Plain text chat takes the mapped path (history trimming, usage).
    /// </summary>
    public static bool IsNeeded(ChatCompletionRequest request) =>
        request.Extra is { Count: > 0 } || (request.Messages ?? []).Any(m => m.Role == "tool" || m.Extra is { Count: > 0 } || m.HasNonTextParts);

    public static JsonObject Build(ChatCompletionRequest request, string upstreamModel, string? groundedSystemPrompt)
    {
        var body = new JsonObject();
        foreach (var (name, value) in request.Extra ?? [])
        {
            body[name] = Node(value);
        }

        body["model"] = upstreamModel;
        var messages = new JsonArray();
        if (groundedSystemPrompt is not null)
        {
            messages.Add(new JsonObject { ["role"] = "system", ["content"] = groundedSystemPrompt });
        }

        foreach (var message in request.Messages!)
        {
            if (groundedSystemPrompt is not null && message.Role is "system" or "developer")
            {
                continue;
            }

            var relayed = new JsonObject { ["role"] = message.Role };
            if (message.Content.ValueKind != JsonValueKind.Undefined)
            {
                relayed["content"] = Node(message.Content);
            }

            foreach (var (name, value) in message.Extra ?? [])
            {
                relayed[name] = Node(value);
            }

            messages.Add(relayed);
        }

        body["messages"] = messages;
        Set(body, "stream", request.Stream);
        Set(body, "temperature", request.Temperature);
        Set(body, "max_tokens", request.MaxTokens);
        Set(body, "max_completion_tokens", request.MaxCompletionTokens);
        Set(body, "user", request.User);
        if (request.Stop.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null))
        {
            body["stop"] = Node(request.Stop);
        }

        if (request.StreamOptions?.IncludeUsage is { } includeUsage)
        {
            body["stream_options"] = new JsonObject { ["include_usage"] = includeUsage };
        }

        return body;
    }

    private static JsonNode? Node(JsonElement value) => JsonNode.Parse(value.GetRawText());

    private static void Set<T>(JsonObject body, string name, T? value)
    {
        if (value is not null)
        {
            body[name] = JsonValue.Create(value);
        }
    }
}
