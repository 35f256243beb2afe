using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Monolith.BuildingBlocks.Application;
using Monolith.BuildingBlocks.Web;

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

    /// <summary>A failure after the stream started, in the shape and with the code an error before it has (OpenAiErrorWriter); the stream then ends cleanly.</summary>
    public static Task WriteErrorAsync(HttpContext http, ProblemDetails problem) =>
        WriteDataAsync(http, OpenAiErrorWriter.Serialize(problem), CancellationToken.None);

    public static Task WriteErrorAsync(HttpContext http, ProblemException problem) => WriteErrorAsync(http, ExceptionProblems.For(problem)!);
}
