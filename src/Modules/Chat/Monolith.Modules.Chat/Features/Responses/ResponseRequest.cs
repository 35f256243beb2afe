using System.Text.Json;
using System.Text.Json.Serialization;

namespace Monolith.Modules.Chat.Features.Responses;

/// <summary>
/// OpenAI's Responses API request, the part this platform answers: <c>input</c> as a string or items (messages,
/// function calls and their outputs), <c>instructions</c>, <c>model</c>, <c>max_output_tokens</c>, <c>temperature</c>,
/// <c>top_p</c>, <c>tools</c>, <c>tool_choice</c>, <c>parallel_tool_calls</c>, <c>text.format</c>, <c>stream</c>,
/// <c>store</c> (default true, as OpenAI's), <c>previous_response_id</c>, and our <c>collection_ids</c>. Any other
/// field lands in <see cref="Extra"/> and is refused by name unless it asks for nothing (<see cref="ResponseParameters"/>).
/// </summary>
internal sealed record ResponseRequest(
    [property: JsonPropertyName("model")] string? Model,
    [property: JsonPropertyName("input")] JsonElement Input,
    [property: JsonPropertyName("instructions")] string? Instructions,
    [property: JsonPropertyName("max_output_tokens")] int? MaxOutputTokens,
    [property: JsonPropertyName("temperature")] float? Temperature,
    [property: JsonPropertyName("top_p")] float? TopP,
    [property: JsonPropertyName("tools")] JsonElement Tools,
    [property: JsonPropertyName("tool_choice")] JsonElement ToolChoice,
    [property: JsonPropertyName("parallel_tool_calls")] bool? ParallelToolCalls,
    [property: JsonPropertyName("text")] JsonElement Text,
    [property: JsonPropertyName("stream")] bool? Stream,
    [property: JsonPropertyName("store")] bool? Store,
    [property: JsonPropertyName("previous_response_id")] string? PreviousResponseId,
    [property: JsonPropertyName("collection_ids")] IReadOnlyList<Guid>? CollectionIds)
{
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }

    /// <summary>OpenAI stores a response unless told <c>store: false</c>.</summary>
    [JsonIgnore]
    public bool Stored => Store != false;

    /// <summary><c>text.format</c> when it asks for more than text (json_object, json_schema); null otherwise.</summary>
    [JsonIgnore]
    public JsonElement? StructuredFormat =>
        Text.ValueKind == JsonValueKind.Object && Text.TryGetProperty("format", out var format) && format.ValueKind == JsonValueKind.Object
        && !(format.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "text")
            ? format
            : null;

    /// <summary>True when <c>tools</c> holds at least one tool.</summary>
    [JsonIgnore]
    public bool HasTools => Tools.ValueKind == JsonValueKind.Array && Tools.GetArrayLength() > 0;
}
