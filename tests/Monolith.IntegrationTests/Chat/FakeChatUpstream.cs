using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Monolith.IntegrationTests.Infrastructure;

namespace Monolith.IntegrationTests.Chat;

/// <summary>A message as the fake upstream received it.</summary>
public sealed record UpstreamMessage(string Role, string Content);

/// <summary>One call the fake chat upstream received; <see cref="Aborted"/> completes when the caller gave up on a hanging or stalled answer.</summary>
public sealed class ChatUpstreamCall
{
    public required string? Authorization { get; init; }

    public required JsonObject Body { get; init; }

    public required IReadOnlyList<UpstreamMessage> Messages { get; init; }

    public string? Model => Body["model"]?.GetValue<string>();

    public bool Stream => Body["stream"]?.GetValue<bool>() == true;

    public TaskCompletionSource Aborted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the bytes of a huge answer written when the caller gave up on it.</summary>
    public TaskCompletionSource<long> HugeBytesServed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// An OpenAI-compatible chat completions API on its own loopback Kestrel port: <c>POST /v1/chat/completions</c>
/// answers in OpenAI's wire format, as one JSON completion or (<c>stream: true</c>) as <c>chat.completion.chunk</c>
/// server-sent events ending with <c>data: [DONE]</c>, with a usage chunk when <c>stream_options.include_usage</c>
/// asks for it. It always answers <see cref="Answer"/> (which cites [1], and a [9] no prompt numbers). A marker in
/// the last message selects a failure, so concurrent tests never disturb each other; every call is recorded.
/// </summary>
public sealed class FakeChatUpstream : IAsyncDisposable
{
    public const string ServerErrorMarker = "[upstream:500]";

    /// <summary>Sends nothing, not even headers, until the caller gives up.</summary>
    public const string HangMarker = "[upstream:hang]";

    /// <summary>Streams <see cref="StallTokens"/>, then sends nothing more until the caller gives up.</summary>
    public const string StallMarker = "[upstream:stall]";

    /// <summary>Streams <see cref="SlowTokens"/> one every <see cref="SlowTokenInterval"/>, then finishes normally.</summary>
    public const string SlowMarker = "[upstream:slow]";

    /// <summary>
    /// Answers a <see cref="HugeBody"/>: one completion of about 200 MB with its <c>Content-Length</c>, or streamed
    /// (<c>stream: true</c>), chunk after chunk of "ha " without end (200 MB of them).
    /// </summary>
    public const string HugeMarker = "[upstream:huge]";

    /// <summary>The same huge completion chunked, without a <c>Content-Length</c>.</summary>
    public const string HugeChunkedMarker = "[upstream:huge-chunked]";

    /// <summary>The call a request with <c>tools</c> gets (unless its last message is a tool result): the first tool, these arguments.</summary>
    public const string ToolArguments = """{"city":"Paris","unit":"celsius"}""";

    public const string ToolCallId = "call_fake_1";

    /// <summary>The pieces <see cref="ToolArguments"/> streams in, one tool-call delta each.</summary>
    public static readonly IReadOnlyList<string> ToolArgumentPieces = ToolArguments.Chunk(7).Select(chars => new string(chars)).ToList();

    /// <summary>The content a request with <c>response_format</c> json_object or json_schema gets.</summary>
    public const string StructuredAnswer = """{"answer":"a waggle dance","confidence":0.9}""";

    public const int PromptTokens = 321;
    public const int CompletionTokens = 17;

    public static readonly IReadOnlyList<string> AnswerTokens =
        ["Honey ", "bees ", "show ", "the ", "way ", "to ", "flowers ", "with ", "a ", "waggle ", "dance ", "[1]", ". ", "Nothing ", "else ", "applies ", "[9]", "."];

    public static readonly IReadOnlyList<string> StallTokens = ["Partial ", "answer ", "before ", "the ", "upstream ", "stalled"];

    public static readonly IReadOnlyList<string> SlowTokens = Enumerable.Range(0, 150).Select(i => $"word{i} ").ToList();

    public static readonly TimeSpan SlowTokenInterval = TimeSpan.FromMilliseconds(200);

    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(30);

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ChatUpstreamCall> _calls = new();

    private FakeChatUpstream(WebApplication app) => _app = app;

    public static string Answer => string.Concat(AnswerTokens);

    public static string StalledAnswer => string.Concat(StallTokens);

    public static string SlowAnswer => string.Concat(SlowTokens);

    /// <summary>The base URL as an OpenAI client is configured with it: <c>http://127.0.0.1:port/v1</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    public static async Task<FakeChatUpstream> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var app = builder.Build();
        var upstream = new FakeChatUpstream(app);
        app.MapPost("/v1/chat/completions", upstream.CompleteAsync);

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        upstream.BaseUrl = address.TrimEnd('/') + "/v1";
        return upstream;
    }

    /// <summary>The calls any of whose messages contained <paramref name="text"/> (e.g. a test's unique id).</summary>
    public IReadOnlyList<ChatUpstreamCall> CallsWith(string text) =>
        _calls.Where(call => call.Messages.Any(message => message.Content.Contains(text, StringComparison.Ordinal))).ToList();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task CompleteAsync(HttpContext context)
    {
        var aborted = context.RequestAborted;
        var body = (await JsonNode.ParseAsync(context.Request.Body, cancellationToken: aborted))!.AsObject();
        var messages = body["messages"]!.AsArray()
            .Select(message => new UpstreamMessage(message!["role"]!.GetValue<string>(), TextOf(message["content"])))
            .ToList();
        var call = new ChatUpstreamCall { Authorization = context.Request.Headers.Authorization.ToString(), Body = body, Messages = messages };
        _calls.Enqueue(call);

        var last = messages.Count > 0 ? messages[^1].Content : "";
        if (last.Contains(ServerErrorMarker, StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await WriteJsonAsync(context, new JsonObject
            {
                ["error"] = new JsonObject
                {
                    ["message"] = "The server had an error while processing your request.",
                    ["type"] = "server_error",
                    ["param"] = null,
                    ["code"] = null,
                },
            });
            return;
        }

        if (last.Contains(HangMarker, StringComparison.Ordinal) && !await WaitUntilAbortedAsync(call, aborted))
        {
            return;
        }

        var id = "chatcmpl-fake-" + Guid.NewGuid().ToString("N");
        var model = call.Model ?? "unknown";
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var huge = last.Contains(HugeMarker, StringComparison.Ordinal);
        if (huge || last.Contains(HugeChunkedMarker, StringComparison.Ordinal))
        {
            call.HugeBytesServed.TrySetResult(await WriteHugeAsync(context, call, id, model, created, declareLength: huge));
            return;
        }

        var tool = body["tools"] is JsonArray { Count: > 0 } tools && messages[^1].Role != "tool" ? tools[0]!["function"]!["name"]!.GetValue<string>() : null;
        var structured = body["response_format"]?["type"]?.GetValue<string>() is "json_object" or "json_schema";
        if (tool is not null)
        {
            await WriteToolCallAsync(context, call, id, model, created, tool);
            return;
        }

        if (!call.Stream)
        {
            await WriteJsonAsync(context, new JsonObject
            {
                ["id"] = id,
                ["object"] = "chat.completion",
                ["created"] = created,
                ["model"] = model,
                ["choices"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0,
                    ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = structured ? StructuredAnswer : Answer, ["refusal"] = null },
                    ["logprobs"] = null,
                    ["finish_reason"] = "stop",
                }),
                ["usage"] = Usage(),
                ["system_fingerprint"] = null,
            });
            return;
        }

        var includeUsage = body["stream_options"]?["include_usage"]?.GetValue<bool>() == true;
        JsonObject Chunk(JsonObject delta, string? finishReason)
        {
            var chunk = new JsonObject
            {
                ["id"] = id,
                ["object"] = "chat.completion.chunk",
                ["created"] = created,
                ["model"] = model,
                ["system_fingerprint"] = null,
                ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["logprobs"] = null, ["finish_reason"] = finishReason }),
            };
            if (includeUsage)
            {
                chunk["usage"] = null;
            }

            return chunk;
        }

        context.Response.ContentType = "text/event-stream";
        await WriteEventAsync(context, Chunk(new JsonObject { ["role"] = "assistant", ["content"] = "", ["refusal"] = null }, null).ToJsonString());
        var stalls = last.Contains(StallMarker, StringComparison.Ordinal);
        var slow = last.Contains(SlowMarker, StringComparison.Ordinal);
        foreach (var token in stalls ? StallTokens : slow ? SlowTokens : structured ? [StructuredAnswer[..10], StructuredAnswer[10..]] : AnswerTokens)
        {
            await WriteEventAsync(context, Chunk(new JsonObject { ["content"] = token }, null).ToJsonString());
            if (slow)
            {
                await Task.Delay(SlowTokenInterval, aborted);
            }
        }

        if (stalls)
        {
            await WaitUntilAbortedAsync(call, aborted);
            return;
        }

        await WriteEventAsync(context, Chunk(new JsonObject(), "stop").ToJsonString());
        if (includeUsage)
        {
            await WriteEventAsync(context, new JsonObject
            {
                ["id"] = id,
                ["object"] = "chat.completion.chunk",
                ["created"] = created,
                ["model"] = model,
                ["system_fingerprint"] = null,
                ["choices"] = new JsonArray(),
                ["usage"] = Usage(),
            }.ToJsonString());
        }

        await WriteEventAsync(context, "[DONE]");
    }

    /// <summary>
    /// A call of <paramref name="tool"/> with <see cref="ToolArguments"/>, as OpenAI sends one: in <c>message.tool_calls</c>, or
    /// streamed as tool-call deltas (id, type and name first, then the arguments in pieces), finishing with "tool_calls"
    /// (and the usage chunk when <c>stream_options.include_usage</c> asks for it).
    /// </summary>
    private static async Task WriteToolCallAsync(HttpContext context, ChatUpstreamCall call, string id, string model, long created, string tool)
    {
        JsonObject Envelope(string type, JsonObject choice) => new()
        {
            ["id"] = id,
            ["object"] = type,
            ["created"] = created,
            ["model"] = model,
            ["system_fingerprint"] = "fp_fake",
            ["choices"] = new JsonArray(choice),
        };

        if (!call.Stream)
        {
            var completion = Envelope("chat.completion", new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject
                {
                    ["role"] = "assistant",
                    ["content"] = null,
                    ["refusal"] = null,
                    ["tool_calls"] = new JsonArray(new JsonObject
                    {
                        ["id"] = ToolCallId,
                        ["type"] = "function",
                        ["function"] = new JsonObject { ["name"] = tool, ["arguments"] = ToolArguments },
                    }),
                },
                ["logprobs"] = null,
                ["finish_reason"] = "tool_calls",
            });
            completion["usage"] = Usage();
            await WriteJsonAsync(context, completion);
            return;
        }

        context.Response.ContentType = "text/event-stream";
        JsonObject Delta(JsonObject delta, string? finish) => Envelope("chat.completion.chunk", new JsonObject
        {
            ["index"] = 0,
            ["delta"] = delta,
            ["logprobs"] = null,
            ["finish_reason"] = finish,
        });
        await WriteEventAsync(context, Delta(new JsonObject
        {
            ["role"] = "assistant",
            ["content"] = null,
            ["tool_calls"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["id"] = ToolCallId,
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = tool, ["arguments"] = "" },
            }),
        }, null).ToJsonString());
        foreach (var piece in ToolArgumentPieces)
        {
            await WriteEventAsync(context, Delta(new JsonObject
            {
                ["tool_calls"] = new JsonArray(new JsonObject { ["index"] = 0, ["function"] = new JsonObject { ["arguments"] = piece } }),
            }, null).ToJsonString());
        }

        await WriteEventAsync(context, Delta(new JsonObject(), "tool_calls").ToJsonString());
        if (call.Body["stream_options"]?["include_usage"]?.GetValue<bool>() == true)
        {
            var usage = Envelope("chat.completion.chunk", new JsonObject());
            usage["choices"] = new JsonArray();
            usage["usage"] = Usage();
            await WriteEventAsync(context, usage.ToJsonString());
        }

        await WriteEventAsync(context, "[DONE]");
    }

    private static Task<long> WriteHugeAsync(HttpContext context, ChatUpstreamCall call, string id, string model, long created, bool declareLength)
    {
        var envelope = $$"""{"id":"{{id}}","object":"chat.completion.chunk","created":{{created}},"model":"{{model}}","system_fingerprint":null,"choices":[{"index":0,"delta":""";
        return call.Stream
            ? HugeBody.WriteAsync(
                context,
                "text/event-stream",
                $$"""data: {{envelope}}{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}""" + "\n\n",
                $$"""data: {{envelope}}{"content":"ha "},"logprobs":null,"finish_reason":null}]}""" + "\n\n",
                $$"""data: {{envelope}}{},"logprobs":null,"finish_reason":"stop"}]}""" + "\n\ndata: [DONE]\n\n",
                declareLength: false)
            : HugeBody.WriteAsync(
                context,
                "application/json",
                $$"""{"id":"{{id}}","object":"chat.completion","created":{{created}},"model":"{{model}}","choices":[{"index":0,"message":{"role":"assistant","content":""" + "\"",
                "ha ha ha ha ",
                "\"" + ""","refusal":null},"logprobs":null,"finish_reason":"stop"}],"system_fingerprint":null}""",
                declareLength);
    }

    /// <summary>Waits until the caller aborts the request (recorded on the call) or the longest wait passes; true if it was not aborted.</summary>
    private static async Task<bool> WaitUntilAbortedAsync(ChatUpstreamCall call, CancellationToken aborted)
    {
        try
        {
            await Task.Delay(LongestWait, aborted);
            return true;
        }
        catch (OperationCanceledException)
        {
            call.Aborted.TrySetResult();
            return false;
        }
    }

    private static JsonObject Usage() => new()
    {
        ["prompt_tokens"] = PromptTokens,
        ["completion_tokens"] = CompletionTokens,
        ["total_tokens"] = PromptTokens + CompletionTokens,
    };

    /// <summary>Content is a string or an array of parts, of which the text parts count.</summary>
    private static string TextOf(JsonNode? content) => content switch
    {
        JsonArray parts => string.Concat(parts.Select(part => part?["text"]?.GetValue<string>())),
        JsonValue value => value.GetValue<string>(),
        _ => "",
    };

    private static async Task WriteJsonAsync(HttpContext context, JsonObject body)
    {
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    private static async Task WriteEventAsync(HttpContext context, string data)
    {
        await context.Response.WriteAsync($"data: {data}\n\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }
}
