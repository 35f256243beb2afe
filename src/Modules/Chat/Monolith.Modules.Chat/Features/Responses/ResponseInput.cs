using System.Text.Json;
using System.Text.Json.Nodes;
using Monolith.BuildingBlocks.Application;
using Monolith.Modules.Chat.Features.ChatCompletions;

namespace Monolith.Modules.Chat.Features.Responses;

/// <summary>
/// A Responses request as the chat completion it means: input items become messages (function calls an assistant
/// message with <c>tool_calls</c>, their outputs <c>tool</c> messages), <c>tools</c> and <c>tool_choice</c> the chat
/// completions' nested form, <c>text.format</c> the <c>response_format</c>. What has no such counterpart is refused by name.
/// </summary>
internal static class ResponseInput
{
    public static string? TypeOf(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null;

    /// <summary>The input as items; a string is one user message.</summary>
    public static IReadOnlyList<JsonElement> Items(ResponseRequest request) => request.Input.ValueKind switch
    {
        JsonValueKind.String => [JsonSerializer.SerializeToElement(new { role = "user", content = request.Input })],
        JsonValueKind.Array => request.Input.EnumerateArray().ToList(),
        _ => [],
    };

    /// <summary>The chat completion: instructions as its system message, then <paramref name="conversation"/>.</summary>
    public static ChatCompletionRequest ToChatCompletion(ResponseRequest request, IReadOnlyList<CompletionMessage> conversation)
    {
        var messages = new List<CompletionMessage>();
        if (request.Instructions is not null)
        {
            messages.Add(new CompletionMessage("system", JsonSerializer.SerializeToElement(request.Instructions)));
        }

        messages.AddRange(conversation);
        var extra = new Dictionary<string, JsonElement>();
        if (request.HasTools)
        {
            extra["tools"] = JsonSerializer.SerializeToElement(request.Tools.EnumerateArray().Select(Tool).ToList());
        }

        if (request.ToolChoice.ValueKind == JsonValueKind.Object && TypeOf(request.ToolChoice) == "function")
        {
            extra["tool_choice"] = JsonSerializer.SerializeToElement(new { type = "function", function = new { name = Name(request.ToolChoice, "tool_choice") } });
        }
        else if (request.ToolChoice.ValueKind == JsonValueKind.String && request.HasTools)
        {
            extra["tool_choice"] = request.ToolChoice;
        }

        if (request.ParallelToolCalls is { } parallel && request.HasTools)
        {
            extra["parallel_tool_calls"] = JsonSerializer.SerializeToElement(parallel);
        }

        if (request.TopP is { } topP)
        {
            extra["top_p"] = JsonSerializer.SerializeToElement(topP);
        }

        if (request.StructuredFormat is { } format)
        {
            extra["response_format"] = ResponseFormat(format);
        }

        // Streamed with usage when the response streams: a relayed upstream's deltas then become the response's events live.
        var streamed = request.Stream == true;
        return new ChatCompletionRequest(
            messages, request.Model, streamed ? true : null, request.Temperature, null, request.MaxOutputTokens, default, null,
            streamed ? new StreamOptions(IncludeUsage: true) : null, request.CollectionIds)
        {
            Extra = extra.Count > 0 ? extra : null,
        };
    }

    /// <summary>The input items as chat messages; consecutive function calls are one assistant message, as chat completions has them.</summary>
    public static List<CompletionMessage> Messages(IReadOnlyList<JsonElement> items)
    {
        var messages = new List<CompletionMessage>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            switch (TypeOf(item))
            {
                case "function_call":
                    var call = new JsonObject
                    {
                        ["id"] = String(item, "call_id", $"input[{i}].call_id"),
                        ["type"] = "function",
                        ["function"] = new JsonObject { ["name"] = String(item, "name", $"input[{i}].name"), ["arguments"] = String(item, "arguments", $"input[{i}].arguments") },
                    };
                    if (messages.Count > 0 && messages[^1].HasToolCalls && messages[^1].Text is null)
                    {
                        var calls = JsonNode.Parse(messages[^1].Extra!["tool_calls"].GetRawText())!.AsArray();
                        calls.Add(call);
                        messages[^1] = messages[^1] with { Extra = new() { ["tool_calls"] = JsonSerializer.SerializeToElement(calls) } };
                    }
                    else
                    {
                        messages.Add(new CompletionMessage("assistant", JsonSerializer.SerializeToElement<string?>(null))
                        {
                            Extra = new() { ["tool_calls"] = JsonSerializer.SerializeToElement(new JsonArray(call)) },
                        });
                    }

                    break;
                case "function_call_output":
                    messages.Add(new CompletionMessage("tool", JsonSerializer.SerializeToElement(String(item, "output", $"input[{i}].output")))
                    {
                        Extra = new() { ["tool_call_id"] = JsonSerializer.SerializeToElement(String(item, "call_id", $"input[{i}].call_id")) },
                    });
                    break;
                case null or "message":
                    messages.Add(Message(item, i));
                    break;
                default:
                    throw ProblemException.UnsupportedParameter($"input[{i}]",
                        $"Input items of type '{TypeOf(item)}' are not supported; send messages, function_call and function_call_output items.");
            }
        }

        return messages;
    }

    /// <summary>A message item: content a string or parts; input_text / output_text become text parts, input_image an image_url part.</summary>
    private static CompletionMessage Message(JsonElement item, int index)
    {
        var role = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
        var content = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("content", out var c) ? c : default;
        if (content.ValueKind == JsonValueKind.Array)
        {
            content = JsonSerializer.SerializeToElement(content.EnumerateArray().Select(part => Part(part, index)).ToList());
        }

        return new CompletionMessage(role, content);
    }

    private static JsonObject Part(JsonElement part, int index)
    {
        switch (TypeOf(part))
        {
            case "input_text" or "output_text" when part.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String:
                return new JsonObject { ["type"] = "text", ["text"] = text.GetString() };
            case "input_image" when part.TryGetProperty("image_url", out var url) && url.ValueKind == JsonValueKind.String:
                var image = new JsonObject { ["url"] = url.GetString() };
                if (part.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String)
                {
                    image["detail"] = detail.GetString();
                }

                return new JsonObject { ["type"] = "image_url", ["image_url"] = image };
            default:
                throw ProblemException.UnsupportedParameter($"input[{index}].content",
                    "Content parts are input_text, output_text or input_image with an image_url; files and audio are not supported.");
        }
    }

    // Responses: {type, name, description, parameters, strict}; chat completions nests all but type under "function".
    private static JsonObject Tool(JsonElement tool, int index)
    {
        if (TypeOf(tool) != "function")
        {
            throw ProblemException.UnsupportedParameter($"tools[{index}]",
                $"Only function tools are supported; '{TypeOf(tool)}' is a tool OpenAI hosts (web or file search, code interpreter, ...).");
        }

        var function = new JsonObject { ["name"] = Name(tool, $"tools[{index}].name") };
        foreach (var name in new[] { "description", "parameters", "strict" })
        {
            if (tool.TryGetProperty(name, out var value))
            {
                function[name] = JsonNode.Parse(value.GetRawText());
            }
        }

        return new JsonObject { ["type"] = "function", ["function"] = function };
    }

    private static JsonElement ResponseFormat(JsonElement format)
    {
        if (TypeOf(format) == "json_object")
        {
            return JsonSerializer.SerializeToElement(new { type = "json_object" });
        }

        if (TypeOf(format) != "json_schema")
        {
            throw ProblemException.UnsupportedParameter("text.format", "text.format is text, json_object or json_schema.");
        }

        var schema = new JsonObject { ["name"] = Name(format, "text.format.name") };
        foreach (var name in new[] { "description", "schema", "strict" })
        {
            if (format.TryGetProperty(name, out var value))
            {
                schema[name] = JsonNode.Parse(value.GetRawText());
            }
        }

        return JsonSerializer.SerializeToElement(new JsonObject { ["type"] = "json_schema", ["json_schema"] = schema });
    }

    private static string Name(JsonElement element, string param) => String(element, "name", param);

    private static string String(JsonElement element, string name, string param) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw ProblemException.InvalidField(param, $"{param} must be a string.");
}
