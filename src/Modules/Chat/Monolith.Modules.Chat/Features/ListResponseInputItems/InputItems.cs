using System.Text.Json;
using System.Text.Json.Nodes;
using Monolith.Modules.Chat.Features.ChatCompletions;

namespace Monolith.Modules.Chat.Features.ListResponseInputItems;

/// <summary>
/// Chat messages back as the Responses items they came from: messages with input_text / input_image parts (the
/// assistant's with output_text), an assistant's tool calls as function_call items, tool results as
/// function_call_output items. Ids name the response and the item's place in its input (<c>msg_…_in3</c>).
/// </summary>
internal static class InputItems
{
    public static List<JsonObject> Of(Guid responseKey, IEnumerable<CompletionMessage> messages)
    {
        var items = new List<JsonObject>();
        string IdOf(string prefix) => $"{prefix}_{responseKey:N}_in{items.Count}";
        foreach (var message in messages)
        {
            switch (message.Role)
            {
                case "tool":
                    items.Add(new JsonObject
                    {
                        ["id"] = IdOf("fco"),
                        ["type"] = "function_call_output",
                        ["call_id"] = Extra(message, "tool_call_id"),
                        ["output"] = message.Text ?? "",
                        ["status"] = "completed",
                    });
                    break;
                case "assistant":
                    if (!string.IsNullOrEmpty(message.Text))
                    {
                        items.Add(Message(IdOf("msg"), "assistant",
                            new JsonArray(new JsonObject { ["type"] = "output_text", ["text"] = message.Text, ["annotations"] = new JsonArray() })));
                    }

                    foreach (var call in Extra(message, "tool_calls") as JsonArray ?? [])
                    {
                        items.Add(new JsonObject
                        {
                            ["id"] = IdOf("fc"),
                            ["type"] = "function_call",
                            ["call_id"] = call?["id"]?.DeepClone(),
                            ["name"] = call?["function"]?["name"]?.DeepClone(),
                            ["arguments"] = call?["function"]?["arguments"]?.DeepClone(),
                            ["status"] = "completed",
                        });
                    }

                    break;
                default:
                    items.Add(Message(IdOf("msg"), message.Role ?? "user", InputParts(message.Content)));
                    break;
            }
        }

        return items;
    }

    private static JsonObject Message(string id, string role, JsonArray content) => new()
    {
        ["id"] = id,
        ["type"] = "message",
        ["role"] = role,
        ["status"] = "completed",
        ["content"] = content,
    };

    // Stored as chat parts: text → input_text, image_url → input_image.
    private static JsonArray InputParts(JsonElement content)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            return [new JsonObject { ["type"] = "input_text", ["text"] = content.GetString() }];
        }

        var parts = new JsonArray();
        if (content.ValueKind != JsonValueKind.Array)
        {
            return parts;
        }

        foreach (var part in content.EnumerateArray())
        {
            var node = JsonNode.Parse(part.GetRawText());
            parts.Add(node?["type"]?.ToString() == "image_url"
                ? new JsonObject { ["type"] = "input_image", ["image_url"] = node["image_url"]?["url"]?.DeepClone(), ["detail"] = node["image_url"]?["detail"]?.DeepClone() ?? "auto" }
                : new JsonObject { ["type"] = "input_text", ["text"] = node?["text"]?.DeepClone() });
        }

        return parts;
    }

    private static JsonNode? Extra(CompletionMessage message, string name) =>
        message.Extra?.TryGetValue(name, out var value) == true ? JsonNode.Parse(value.GetRawText()) : null;
}
