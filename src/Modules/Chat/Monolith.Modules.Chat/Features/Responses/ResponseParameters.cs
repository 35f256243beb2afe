using System.Text.Json;
using Monolith.BuildingBlocks.Application;
using Monolith.Modules.Chat.Models;

namespace Monolith.Modules.Chat.Features.Responses;

/// <summary>
/// Honest refusals on <c>/v1/responses</c>, each a 400 <c>unsupported_parameter</c> naming the field: a field we do
/// not model (unless it asks for nothing we would ignore: <c>metadata</c>, <c>user</c>, <c>truncation</c>, ...),
/// and what the chosen model cannot do: tools and tool-call items without tool support, structured output from the
/// extractive model, images for it.
/// </summary>
internal static class ResponseParameters
{
    private static readonly HashSet<string> Harmless = ["metadata", "user", "truncation", "include", "reasoning", "service_tier", "safety_identifier", "prompt_cache_key"];

    public static void CheckFields(ResponseRequest request)
    {
        foreach (var (name, value) in request.Extra ?? [])
        {
            if (!Harmless.Contains(name) && value.ValueKind != JsonValueKind.Null)
            {
                throw ProblemException.UnsupportedParameter(name, $"'{name}' is not supported on /v1/responses.");
            }
        }
    }

    public static void CheckModel(ChatModel model, ResponseRequest request, IReadOnlyList<JsonElement> inputItems)
    {
        if (model.Upstream is not { SupportsTools: true })
        {
            var why = model.Upstream is null
                ? $"The model '{model.Name}' quotes your documents and is not a language model"
                : $"The model '{model.Name}' is configured without tool support (SupportsTools: false)";
            if (request.HasTools)
            {
                throw ProblemException.UnsupportedParameter("tools", $"{why}: it cannot call tools, so 'tools' is not supported. Use a model that supports tools.");
            }

            var toolItem = inputItems.ToList().FindIndex(item => ResponseInput.TypeOf(item) is "function_call" or "function_call_output");
            if (toolItem >= 0)
            {
                throw ProblemException.UnsupportedParameter($"input[{toolItem}]", $"{why}: it cannot call tools, so function calls and their outputs are not supported.");
            }
        }

        if (model.Upstream is not null)
        {
            return;
        }

        if (request.StructuredFormat is not null)
        {
            throw ProblemException.UnsupportedParameter("text.format",
                $"The model '{model.Name}' quotes your documents and writes no JSON, so only text.format {{\"type\": \"text\"}} is supported.");
        }

        var imageItem = inputItems.ToList().FindIndex(item => item.ValueKind == JsonValueKind.Object && item.TryGetProperty("content", out var content)
            && content.ValueKind == JsonValueKind.Array && content.EnumerateArray().Any(part => ResponseInput.TypeOf(part) is not ("input_text" or "output_text")));
        if (imageItem >= 0)
        {
            throw ProblemException.UnsupportedParameter($"input[{imageItem}].content",
                $"The model '{model.Name}' quotes your documents and reads text only, so only input_text and output_text parts are supported.");
        }
    }
}
