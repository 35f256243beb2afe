using System.Text.Json;
using Monolith.BuildingBlocks.Application;

namespace Monolith.Modules.Chat.Features.Responses;

/// <summary>
/// Honest refusals on <c>/v1/responses</c>: a field that asks for more than a text answer (tools, structured output,
/// stored conversations through <c>previous_response_id</c>) is a 400 <c>unsupported_parameter</c> naming it; fields
/// that ask for nothing we would ignore (<c>store</c>, <c>metadata</c>, <c>user</c>, empty tools, text format "text") pass.
/// </summary>
internal static class ResponseParameters
{
    private static readonly HashSet<string> Harmless = ["store", "metadata", "user", "parallel_tool_calls", "truncation", "include", "reasoning", "service_tier", "top_p"];

    public static void Check(Dictionary<string, JsonElement>? extra)
    {
        foreach (var (name, value) in extra ?? [])
        {
            var asksNothing = Harmless.Contains(name) || value.ValueKind == JsonValueKind.Null || name switch
            {
                "tools" => value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 0,
                "tool_choice" => value.ValueKind == JsonValueKind.String && value.GetString() is "none" or "auto",
                "text" => value.ValueKind == JsonValueKind.Object
                    && (!value.TryGetProperty("format", out var format) || (format.ValueKind == JsonValueKind.Object && format.TryGetProperty("type", out var type)
                        && type.ValueKind == JsonValueKind.String && type.GetString() == "text")),
                _ => false,
            };
            if (!asksNothing)
            {
                throw ProblemException.UnsupportedParameter(name,
                    $"'{name}' is not supported on /v1/responses yet; /v1/chat/completions relays tools and structured output to configured models.");
            }
        }
    }
}
