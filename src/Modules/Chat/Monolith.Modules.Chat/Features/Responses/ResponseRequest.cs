using System.Text.Json;
using System.Text.Json.Serialization;
using Monolith.BuildingBlocks.Application;
using Monolith.Modules.Chat.Features.ChatCompletions;

namespace Monolith.Modules.Chat.Features.Responses;

/// <summary>
/// OpenAI's Responses API request, the part this platform answers: <c>input</c> as a string or message items,
/// <c>instructions</c>, <c>model</c>, <c>max_output_tokens</c>, <c>temperature</c>, <c>stream</c>, and our
/// <c>collection_ids</c>. Any other field lands in <see cref="Extra"/> and is refused by name unless it asks for nothing.
/// </summary>
internal sealed record ResponseRequest(
    [property: JsonPropertyName("model")] string? Model,
    [property: JsonPropertyName("input")] JsonElement Input,
    [property: JsonPropertyName("instructions")] string? Instructions,
    [property: JsonPropertyName("max_output_tokens")] int? MaxOutputTokens,
    [property: JsonPropertyName("temperature")] float? Temperature,
    [property: JsonPropertyName("stream")] bool? Stream,
    [property: JsonPropertyName("collection_ids")] IReadOnlyList<Guid>? CollectionIds)
{
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }

    /// <summary>The same request as chat completion messages: instructions as the system message, each input item a message.</summary>
    public ChatCompletionRequest ToChatCompletion()
    {
        var messages = new List<CompletionMessage>();
        if (Instructions is not null)
        {
            messages.Add(new CompletionMessage("system", JsonSerializer.SerializeToElement(Instructions)));
        }

        if (Input.ValueKind == JsonValueKind.String)
        {
            messages.Add(new CompletionMessage("user", Input));
        }
        else if (Input.ValueKind == JsonValueKind.Array)
        {
            messages.AddRange(Input.EnumerateArray().Select((item, index) => Message(item, index)));
        }

        ResponseParameters.Check(Extra);
        return new ChatCompletionRequest(messages, Model, Stream, Temperature, null, MaxOutputTokens, default, null, null, CollectionIds);
    }

    /// <summary>An input item: <c>{role, content}</c> with content a string or input_text / output_text parts (as text parts).</summary>
    private static CompletionMessage Message(JsonElement item, int index)
    {
        var role = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
        var content = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("content", out var c) ? c : default;
        if (content.ValueKind == JsonValueKind.Array)
        {
            var parts = content.EnumerateArray().Select(part => TextOf(part) is { } text
                ? new { type = "text", text }
                : throw ProblemException.UnsupportedParameter($"input[{index}].content",
                    "Only input_text and output_text content parts are supported on /v1/responses; send images through /v1/chat/completions."));
            content = JsonSerializer.SerializeToElement(parts.ToList());
        }

        return new CompletionMessage(role, content);
    }

    private static string? TextOf(JsonElement part) =>
        part.ValueKind == JsonValueKind.Object && part.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
        && type.GetString() is "input_text" or "output_text" && part.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String
            ? text.GetString()
            : null;
}
