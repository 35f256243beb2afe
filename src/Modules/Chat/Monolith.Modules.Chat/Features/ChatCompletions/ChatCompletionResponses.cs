using System.Text.Json.Serialization;
using Monolith.Modules.Chat.Data;

namespace Monolith.Modules.Chat.Features.ChatCompletions;

/// <summary>
/// A completion or a streamed chunk as OpenAI's reference has them: <c>system_fingerprint</c> (null: we name no backend
/// configuration), and <c>usage</c> left out when null (chunks without <c>stream_options.include_usage</c>).
/// </summary>
internal sealed record ChatCompletion(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("object")] string Object,
    [property: JsonPropertyName("created")] long Created,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("choices")] IReadOnlyList<CompletionChoice> Choices,
    [property: JsonPropertyName("usage"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CompletionUsage? Usage,
    [property: JsonPropertyName("citations"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<Citation>? Citations = null)
{
    [JsonPropertyName("system_fingerprint")]
    public string? SystemFingerprint { get; init; }
}

/// <summary><c>logprobs</c> is always null: no model here reports them on this path.</summary>
internal sealed record CompletionChoice(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("message"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CompletionMessageOut? Message,
    [property: JsonPropertyName("delta"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CompletionDelta? Delta,
    [property: JsonPropertyName("finish_reason")] string? FinishReason)
{
    [JsonPropertyName("logprobs")]
    public object? Logprobs { get; init; }
}

/// <summary>The whole answer's message; <c>refusal</c> is null, as OpenAI writes it for an answer that is not a refusal.</summary>
internal sealed record CompletionMessageOut(
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("content")] string Content)
{
    [JsonPropertyName("refusal")]
    public string? Refusal { get; init; }
}

internal sealed record CompletionDelta(
    [property: JsonPropertyName("role"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Role,
    [property: JsonPropertyName("content"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Content);

internal sealed record CompletionUsage(
    [property: JsonPropertyName("prompt_tokens")] long PromptTokens,
    [property: JsonPropertyName("completion_tokens")] long CompletionTokens,
    [property: JsonPropertyName("total_tokens")] long TotalTokens);
