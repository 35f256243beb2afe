using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Monolith.Modules.Chat.Answering;
using Monolith.Modules.Chat.Features.ChatCompletions;

namespace Monolith.Modules.Chat.Features.Responses;

/// <summary>
/// A finished answer, however it was made: text (null when the model only called tools), the tool calls in chat
/// completions' form, token counts, whether the token limit cut it, and our citations.
/// </summary>
internal sealed record ResponseOutcome(string? Text, JsonArray ToolCalls, long InputTokens, long OutputTokens, bool Cut, JsonNode? Citations)
{
    /// <summary>A streamed upstream's text that began only after its tool calls: the message is then the last output item.</summary>
    public bool TextAfterToolCalls { get; init; }

    public static ResponseOutcome Of(AnswerCompleted completed) => new(
        completed.Text, [], completed.Usage.InputTokenCount ?? 0, completed.Usage.OutputTokenCount ?? 0, completed.FinishReason == ChatFinishReason.Length,
        JsonSerializer.SerializeToNode(completed.Citations, CompletionStream.Json));

    /// <summary>A relayed upstream's chat completion: its first choice (a Responses answer has one).</summary>
    public static ResponseOutcome Of(JsonObject completion)
    {
        var choice = (completion["choices"] as JsonArray)?.FirstOrDefault();
        var message = choice?["message"];
        var text = message?["content"] is JsonValue content && content.TryGetValue<string>(out var value) ? value : null;
        var calls = message?["tool_calls"] is JsonArray toolCalls ? (JsonArray)toolCalls.DeepClone() : [];
        var usage = completion["usage"];
        return new ResponseOutcome(text, calls, Count(usage?["prompt_tokens"]), Count(usage?["completion_tokens"]),
            choice?["finish_reason"]?.ToString() == "length", completion["citations"]?.DeepClone());
    }

    /// <summary>The answer as the assistant turn of a stored conversation.</summary>
    public CompletionMessage AssistantMessage() => new("assistant", JsonSerializer.SerializeToElement(Text))
    {
        Extra = ToolCalls.Count > 0 ? new() { ["tool_calls"] = JsonSerializer.SerializeToElement(ToolCalls) } : null,
    };

    private static long Count(JsonNode? node) => node is JsonValue value && value.TryGetValue<long>(out var count) ? count : 0;
}
