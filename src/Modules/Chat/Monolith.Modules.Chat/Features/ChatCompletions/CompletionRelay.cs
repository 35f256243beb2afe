using System.ClientModel;
using System.ClientModel.Primitives;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Monolith.BuildingBlocks.Application;
using Monolith.Modules.Chat.Answering;
using Monolith.Modules.Chat.Models;

namespace Monolith.Modules.Chat.Features.ChatCompletions;

/// <summary>
/// Sends a relayed request through the model's OpenAI client (its key, timeout, retries and response bound) and
/// answers with the upstream's completion or stream unchanged in meaning: tool calls, streamed tool-call deltas,
/// several choices and log probabilities pass as they came; only <c>model</c> becomes the name the client asked for,
/// and <c>citations</c> (our extension) is added where the answer finishes.
/// </summary>
internal static class CompletionRelay
{
    /// <summary>The upstream's response with its headers read; failures before that are 502/504 problems.</summary>
    public static async Task<PipelineResponse> SendAsync(ChatModel model, UpstreamChat upstream, JsonObject body, bool stream, CancellationToken cancellationToken)
    {
        try
        {
            var result = await upstream.Client.CompleteChatAsync(
                BinaryContent.Create(BinaryData.FromString(body.ToJsonString())),
                new RequestOptions { BufferResponse = !stream, CancellationToken = cancellationToken });
            return result.GetRawResponse();
        }
        catch (Exception exception) when (UpstreamProblem.For(model.Name, exception, cancellationToken) is { } problem)
        {
            throw problem;
        }
    }

    public static async Task<IResult> RespondAsync(HttpContext http, RelayedRun run, CancellationToken cancellationToken)
    {
        using var response = run.Response;
        if (!IsStream(response))
        {
            return Results.Text((await CompletionAsync(run, cancellationToken)).ToJsonString(CompletionStream.Json), "application/json", Encoding.UTF8);
        }

        await StreamAsync(http, run, cancellationToken);
        return Results.Empty;
    }

    /// <summary>True when the upstream answered server-sent events (asked to stream, it may still answer one JSON completion).</summary>
    public static bool IsStream(PipelineResponse response) =>
        response.Headers.TryGetValue("Content-Type", out var type) && type?.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>
    /// The upstream's one (not streamed) completion with <c>model</c> as the client named it and <c>citations</c> added,
    /// its usage recorded; read whole first when it was asked to stream but answered JSON, its failures then the
    /// upstream's (502/504).
    /// </summary>
    public static async Task<JsonObject> CompletionAsync(RelayedRun run, CancellationToken cancellationToken)
    {
        try
        {
            await run.Response.BufferContentAsync(cancellationToken);
        }
        catch (Exception exception) when (Problem(run.Model, exception, cancellationToken) is { } problem)
        {
            throw problem;
        }

        var completion = Parse(run.Model, run.Response.Content.ToString());
        var text = string.Concat((completion["choices"] as JsonArray ?? []).Select(choice => StringOf(choice?["message"]?["content"])));
        completion["citations"] = Citations(text, run.Sources);
        await RecordUsageAsync(run, completion["usage"], text);
        return completion;
    }

    /// <summary>The upstream's reported usage (OpenAI's prompt_tokens, completion_tokens); what it did not report, estimated.</summary>
    public static Task RecordUsageAsync(RelayedRun run, JsonNode? usage, string text) =>
        run.RecordUsage(LongOf(usage?["prompt_tokens"]), LongOf(usage?["completion_tokens"]) ?? Answerer.Tokens(text));

    /// <summary>
    /// The upstream's stream as its chunks, each with <c>model</c> as the client named it, until <c>[DONE]</c>. A stream
    /// that breaks off (connection reset, body over the bound, a stall past the timeout) or garbles a chunk throws the
    /// upstream's failure as a <see cref="ProblemException"/> (502/504).
    /// </summary>
    public static async IAsyncEnumerable<JsonObject> ChunksAsync(RelayedRun run, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(run.Response.ContentStream!, Encoding.UTF8);
        while (await ReadLineAsync(run.Model, reader, cancellationToken) is { } line)
        {
            if (!line.StartsWith("data:", StringComparison.Ordinal))
            {
                continue; // blank separators, comments, event names: OpenAI's stream has data lines only
            }

            var data = line[5..].Trim();
            if (data == "[DONE]")
            {
                yield break;
            }

            yield return Parse(run.Model, data);
        }
    }

    /// <summary>Our citations for the answer's text: the numbered sources of the prompt that the text cites.</summary>
    public static JsonNode? Citations(string text, IReadOnlyList<Source> sources) =>
        JsonSerializer.SerializeToNode(Answerer.CitationsIn(text, sources), CompletionStream.Json);

    private static async Task StreamAsync(HttpContext http, RelayedRun run, CancellationToken cancellationToken)
    {
        CompletionStream.Start(http);
        var text = new StringBuilder();
        JsonNode? usage = null;
        try
        {
            await foreach (var chunk in ChunksAsync(run, cancellationToken))
            {
                usage = chunk["usage"] is JsonObject reported ? reported.DeepClone() : usage;
                var finished = false;
                foreach (var choice in chunk["choices"] as JsonArray ?? [])
                {
                    text.Append(StringOf(choice?["delta"]?["content"]));
                    finished |= choice?["finish_reason"] is JsonValue;
                }

                if (finished)
                {
                    chunk["citations"] = Citations(text.ToString(), run.Sources);
                }

                await CompletionStream.WriteDataAsync(http, chunk.ToJsonString(CompletionStream.Json), cancellationToken);
            }
        }
        catch (ProblemException problem)
        {
            await CompletionStream.WriteErrorAsync(http, problem);
        }

        await RecordUsageAsync(run, usage, text.ToString());
        await CompletionStream.WriteDataAsync(http, "[DONE]", CancellationToken.None);
    }

    private static async Task<string?> ReadLineAsync(ChatModel model, StreamReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadLineAsync(cancellationToken);
        }
        catch (Exception exception) when (Problem(model, exception, cancellationToken) is { } problem)
        {
            throw problem;
        }
    }

    // A body that breaks off (connection reset, over the bound, a stall past the timeout) is the upstream's failure.
    private static ProblemException? Problem(ChatModel model, Exception exception, CancellationToken cancellationToken) =>
        UpstreamProblem.For(model.Name, exception, cancellationToken)
        ?? (exception is IOException or HttpRequestException ? UpstreamProblem.Garbled(model.Name) : null);

    /// <summary>The upstream's JSON object with <c>model</c> as the client named it; anything else is an invalid answer (502).</summary>
    private static JsonObject Parse(ChatModel model, string json)
    {
        try
        {
            var node = JsonNode.Parse(json) as JsonObject ?? throw UpstreamProblem.Garbled(model.Name);
            if (node.ContainsKey("model"))
            {
                node["model"] = model.Name;
            }

            return node;
        }
        catch (JsonException)
        {
            throw UpstreamProblem.Garbled(model.Name);
        }
    }

    private static long? LongOf(JsonNode? node) => node is JsonValue value && value.TryGetValue<long>(out var number) ? number : null;

    private static string? StringOf(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

}
