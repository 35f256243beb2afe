using System.Text.Json;
using System.Text.Json.Nodes;

namespace Monolith.Modules.Chat.Features.Responses;

/// <summary>
/// The Responses API's response object: its output is one assistant message with one output_text part (when there is
/// text or nothing else; first, unless the text came after the tool calls) and a function_call item per tool call; the
/// request's settings are echoed as OpenAI does. Item ids name the response and the item's place in the output.
/// </summary>
internal sealed record ResponseShape(Guid Key, long CreatedAt, string Model, ResponseRequest Request)
{
    public string Id { get; } = ResponseAccess.IdOf(Key);

    public static JsonObject TextPart(string text) => new() { ["type"] = "output_text", ["text"] = text, ["annotations"] = new JsonArray() };

    public string MessageId(int index) => ResponseAccess.ItemIdOf("msg", Key, index);

    public string FunctionCallId(int index) => ResponseAccess.ItemIdOf("fc", Key, index);

    public JsonObject Message(string? text, string status, int index) => new()
    {
        ["type"] = "message",
        ["id"] = MessageId(index),
        ["status"] = status,
        ["role"] = "assistant",
        ["content"] = text is null ? new JsonArray() : new JsonArray(TextPart(text)),
    };

    /// <summary>A function_call item from the chat completions' tool call parts (id, name, arguments).</summary>
    public JsonObject FunctionCall(JsonNode? callId, JsonNode? name, JsonNode? arguments, string status, int index) => new()
    {
        ["type"] = "function_call",
        ["id"] = FunctionCallId(index),
        ["call_id"] = callId,
        ["name"] = name,
        ["arguments"] = arguments,
        ["status"] = status,
    };

    public JsonObject InProgress() => Envelope("in_progress", [], null, null);

    /// <summary>"incomplete" with reason max_output_tokens when the answer was cut, as OpenAI reports it.</summary>
    public JsonObject Done(ResponseOutcome outcome)
    {
        var status = outcome.Cut ? "incomplete" : "completed";
        var output = new JsonArray();
        var hasMessage = !string.IsNullOrEmpty(outcome.Text) || outcome.ToolCalls.Count == 0;
        if (hasMessage && !outcome.TextAfterToolCalls)
        {
            output.Add(Message(outcome.Text ?? "", status, output.Count));
        }

        foreach (var call in outcome.ToolCalls)
        {
            output.Add(FunctionCall(call!["id"]?.DeepClone(), call["function"]?["name"]?.DeepClone(), call["function"]?["arguments"]?.DeepClone(), "completed", output.Count));
        }

        if (hasMessage && outcome.TextAfterToolCalls)
        {
            output.Add(Message(outcome.Text ?? "", status, output.Count));
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
