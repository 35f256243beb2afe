using System.Text.Json;
using Monolith.BuildingBlocks.Application;
using Monolith.Modules.Chat.Models;

namespace Monolith.Modules.Chat.Features.ChatCompletions;

/// <summary>
/// Honest refusals: a parameter the chosen model cannot honour is a 400 <c>unsupported_parameter</c> naming it, never
/// a 200 that silently ignored it. The extractive model quotes text: no tools, no structured output, one choice, no
/// log probabilities, no images. A configured model marked <c>SupportsTools: false</c> takes no tools.
/// </summary>
internal static class ParameterSupport
{
    private static readonly string[] ToolParameters = ["tools", "tool_choice", "functions", "function_call"];

    public static void Check(ChatModel model, ChatCompletionRequest request)
    {
        if (model.Upstream is { SupportsTools: true })
        {
            return;
        }

        var extra = request.Extra ?? [];
        var why = model.Upstream is null
            ? $"The model '{model.Name}' quotes your documents and is not a language model"
            : $"The model '{model.Name}' is configured without tool support (SupportsTools: false)";
        foreach (var name in ToolParameters.Where(name => extra.TryGetValue(name, out var value) && AsksForTools(value)))
        {
            throw ProblemException.UnsupportedParameter(name, $"{why}: it cannot call tools, so '{name}' is not supported. Use a model that supports tools.");
        }

        var messages = request.Messages ?? [];
        for (var i = 0; i < messages.Count; i++)
        {
            if (messages[i].Role == "tool" || messages[i].HasToolCalls)
            {
                throw ProblemException.UnsupportedParameter($"messages[{i}]", $"{why}: it cannot call tools, so tool calls and tool results are not supported.");
            }
        }

        if (model.Upstream is not null)
        {
            return;
        }

        Refuse(extra, "response_format", value => value.ValueKind == JsonValueKind.Object && value.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
            && type.GetString() != "text", $"{why}: it writes no JSON, so only response_format {{\"type\": \"text\"}} is supported.");
        Refuse(extra, "n", value => value.ValueKind == JsonValueKind.Number && (!value.TryGetInt32(out var n) || n != 1), $"{why}: it gives one answer, so n must be 1.");
        Refuse(extra, "logprobs", value => value.ValueKind == JsonValueKind.True, $"{why}: it has no token probabilities, so logprobs is not supported.");
        Refuse(extra, "top_logprobs", value => value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined), $"{why}: it has no token probabilities, so top_logprobs is not supported.");
        Refuse(extra, "audio", value => value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined), $"{why}: it answers in text only, so audio is not supported.");
        for (var i = 0; i < messages.Count; i++)
        {
            if (messages[i].HasNonTextParts)
            {
                throw ProblemException.UnsupportedParameter($"messages[{i}].content", $"{why}: it reads text only, so image, audio and file content parts are not supported.");
            }
        }
    }

    // "tools": [] and "tool_choice": "none" ask for nothing a model without tools cannot do.
    private static bool AsksForTools(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => value.GetArrayLength() > 0,
        JsonValueKind.String => value.GetString() != "none",
        JsonValueKind.Null or JsonValueKind.Undefined => false,
        _ => true,
    };

    private static void Refuse(Dictionary<string, JsonElement> extra, string name, Func<JsonElement, bool> unsupported, string detail)
    {
        if (extra.TryGetValue(name, out var value) && unsupported(value))
        {
            throw ProblemException.UnsupportedParameter(name, detail);
        }
    }
}
