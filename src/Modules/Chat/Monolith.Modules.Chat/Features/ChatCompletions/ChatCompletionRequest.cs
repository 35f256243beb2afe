using System.Text.Json;
using System.Text.Json.Serialization;

namespace Monolith.Modules.Chat.Features.ChatCompletions;

/// <summary>
/// OpenAI's chat completion request; <c>collection_ids</c> is our extension that grounds the answer in the caller's
/// collections. Every other field (tools, response_format, n, seed, logprobs, ...) is kept in <see cref="Extra"/> as
/// sent, to be relayed to an upstream model unchanged or refused by a model that cannot honour it.
/// </summary>
internal sealed record ChatCompletionRequest(
    [property: JsonPropertyName("messages")] IReadOnlyList<CompletionMessage>? Messages,
    [property: JsonPropertyName("model")] string? Model,
    [property: JsonPropertyName("stream")] bool? Stream,
    [property: JsonPropertyName("temperature")] float? Temperature,
    [property: JsonPropertyName("max_tokens")] int? MaxTokens,
    [property: JsonPropertyName("max_completion_tokens")] int? MaxCompletionTokens,
    [property: JsonPropertyName("stop")] JsonElement Stop,
    [property: JsonPropertyName("user")] string? User,
    [property: JsonPropertyName("stream_options")] StreamOptions? StreamOptions,
    [property: JsonPropertyName("collection_ids")] IReadOnlyList<Guid>? CollectionIds)
{
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }

    /// <summary>"stop" is a string or an array of strings.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> StopSequences => Stop.ValueKind switch
    {
        JsonValueKind.String => [Stop.GetString()!],
        JsonValueKind.Array => Stop.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.String).Select(item => item.GetString()!).ToList(),
        _ => [],
    };
}

internal sealed record StreamOptions([property: JsonPropertyName("include_usage")] bool? IncludeUsage);

/// <summary>
/// A message; <c>content</c> is a string or an array of parts of which the text parts count here (image parts are
/// relayed). <see cref="Extra"/> keeps <c>tool_calls</c>, <c>tool_call_id</c>, <c>name</c> and the like as sent.
/// </summary>
internal sealed record CompletionMessage(
    [property: JsonPropertyName("role")] string? Role,
    [property: JsonPropertyName("content")] JsonElement Content)
{
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }

    // Derived from the fields above: [JsonIgnore] keeps them out of the wire format and the OpenAPI document.
    [JsonIgnore]
    public bool HasToolCalls => Extra?.TryGetValue("tool_calls", out var calls) == true && calls.ValueKind == JsonValueKind.Array && calls.GetArrayLength() > 0;

    /// <summary>True when content holds a part other than text (an image, audio, a file).</summary>
    [JsonIgnore]
    public bool HasNonTextParts => Content.ValueKind == JsonValueKind.Array && Content.EnumerateArray()
        .Any(part => part.ValueKind != JsonValueKind.Object || !part.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "text");

    [JsonIgnore]
    public string? Text => Content.ValueKind switch
    {
        JsonValueKind.String => Content.GetString(),
        JsonValueKind.Array => string.Concat(Content.EnumerateArray()
            .Where(part => part.ValueKind == JsonValueKind.Object && part.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
                && type.GetString() == "text" && part.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
            .Select(part => part.GetProperty("text").GetString())),
        _ => null,
    };
}
