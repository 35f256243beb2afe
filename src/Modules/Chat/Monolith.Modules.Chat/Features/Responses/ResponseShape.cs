using System.Text.Json;
using System.Text.Json.Nodes;

namespace Monolith.Modules.Chat.Features.Responses;

/// <summary>
/// The Responses API's response object: its output is one assistant message with one output_text part (when there is
/// text or nothing else) and a function_call item per tool call; the request's settings are echoed as OpenAI does.
/// </summary>
internal sealed record ResponseShape(Guid Key, long CreatedAt, string Model, ResponseRequest Request)
{
    public string Id { get; } = ResponseAccess.IdOf(Key);

    /// <summary>The message is always the first output item.</summary>
    public string MessageId => ResponseAccess.ItemIdOf("msg", Key, 0);

    public static JsonObject TextPart(string text) => new() { ["type"] = "output_text", ["text"] = text, ["annotations"] = new JsonArray() };

    public JsonObject Message(string? text, string status) => new()
    {
        ["type"] = "message",
        ["id"] = MessageId,
        ["status"] = status,
        ["role"] = "assistant",
        ["content"] = text is null ? new JsonArray() : new JsonArray(TextPart(text)),
    };

    public JsonObject InProgress() => Envelope("in_progress", [], null, null);

    /// <summary>"incomplete" with reason max_output_tokens when the answer was cut, as OpenAI reports it.</summary>
    public JsonObject Done(ResponseOutcome outcome)
    {
        var status = outcome.Cut ? "incomplete" : "completed";
        var output = new JsonArray();
        if (!string.IsNullOrEmpty(outcome.Text) || outcome.ToolCalls.Count == 0)
        {
            output.Add(Message(outcome.Text ?? "", status));
        }

        foreach (var call in outcome.ToolCalls)
        {
            output.Add(new JsonObject
            {
                ["type"] = "function_call",
                ["id"] = ResponseAccess.ItemIdOf("fc", Key, output.Count),
                ["call_id"] = call?["id"]?.DeepClone(),
                ["name"] = call?["function"]?["name"]?.DeepClone(),
                ["arguments"] = call?["function"]?["arguments"]?.DeepClone(),
                ["status"] = "completed",
            });
        }

        var envelope = Envelope(status, output,
            new JsonObject
            {
                ["input_tokens"] = outcome.InputTokens,
                ["input_tokens_details"] = new JsonObject { ["cached_tokens"] = 0 },
                ["output_tokens"] = outcome.OutputTokens,
                ["output_tokens_details"] = new JsonObject { ["reasoning_tokens"] = 0 },
                ["total_tokens"] = outcome.InputTokens + outcome.OutputTokens,
            },
            outcome.Cut ? new JsonObject { ["reason"] = "max_output_tokens" } : null);
        envelope["citations"] = outcome.Citations?.DeepClone();
        return envelope;
    }

    private JsonObject Envelope(string status, JsonArray output, JsonObject? usage, JsonObject? incomplete) => new()
    {
        ["id"] = Id,
        ["object"] = "response",
        ["created_at"] = CreatedAt,
        ["status"] = status,
        ["error"] = null,
        ["incomplete_details"] = incomplete,
        ["instructions"] = Request.Instructions,
        ["max_output_tokens"] = Request.MaxOutputTokens,
        ["model"] = Model,
        ["output"] = output,
        ["parallel_tool_calls"] = Request.ParallelToolCalls ?? true,
        ["previous_response_id"] = Request.PreviousResponseId,
        ["store"] = Request.Stored,
        ["temperature"] = Request.Temperature,
        ["text"] = new JsonObject { ["format"] = Request.StructuredFormat is { } format ? Node(format) : new JsonObject { ["type"] = "text" } },
        ["tool_choice"] = Request.ToolChoice.ValueKind is JsonValueKind.String or JsonValueKind.Object ? Node(Request.ToolChoice) : JsonValue.Create("auto"),
        ["tools"] = Request.HasTools ? Node(Request.Tools) : new JsonArray(),
        ["top_p"] = Request.TopP ?? 1.0,
        ["truncation"] = "disabled",
        ["usage"] = usage,
        ["metadata"] = new JsonObject(),
    };

    private static JsonNode? Node(JsonElement element) => JsonNode.Parse(element.GetRawText());
}
