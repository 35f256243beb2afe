using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Monolith.BuildingBlocks.Application;

namespace Monolith.Modules.Chat.Features.ChatCompletions;

/// <summary>Server-sent events of <c>/v1/chat/completions</c>, answered or relayed alike.</summary>
internal static class CompletionStream
{
    // Relaxed escaping keeps quotes and ">" readable in answers; the payload is JSON, never HTML.
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Start(HttpContext http)
    {
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
    }

    public static async Task WriteDataAsync(HttpContext http, string data, CancellationToken cancellationToken)
    {
        await http.Response.WriteAsync($"data: {data}\n\n", cancellationToken);
        await http.Response.Body.FlushAsync(cancellationToken);
    }

    /// <summary>A failure after the stream started: the shape and code an error before it has (OpenAiErrorWriter): param, and "upstream_timeout" not "upstream-timeout".</summary>
    public static Task WriteErrorAsync(HttpContext http, ProblemException problem)
    {
        var error = new { message = problem.Message, type = "server_error", param = (string?)null, code = problem.Type.Replace('-', '_') };
        return WriteDataAsync(http, JsonSerializer.Serialize(new { error }, Json), CancellationToken.None);
    }
}
