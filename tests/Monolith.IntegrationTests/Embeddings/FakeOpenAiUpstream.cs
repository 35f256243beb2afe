using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
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

namespace Monolith.IntegrationTests.Embeddings;

/// <summary>One call the fake upstream received; <see cref="HugeBytesServed"/> completes with the bytes of a huge answer written when the caller gave up on it.</summary>
public sealed record UpstreamCall(string? Authorization, string? Model, IReadOnlyList<string> Inputs, int? Dimensions, string? EncodingFormat)
{
    public TaskCompletionSource<long> HugeBytesServed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// An OpenAI-compatible embeddings API on its own loopback Kestrel port: <c>POST /v1/embeddings</c> answers in
/// OpenAI's wire format (float arrays, or base64 when <c>encoding_format</c> asks for it) with deterministic
/// unit vectors derived from each text. A marker in any input text selects a failure, so tests running
/// concurrently never disturb each other; every call is recorded (thread-safe) for assertions.
/// </summary>
public sealed class FakeOpenAiUpstream : IAsyncDisposable
{
    public const int NativeDimensions = 8;

    /// <summary>Model ids starting with this reject <c>dimensions</c>, as OpenAI's text-embedding-ada-002 does.</summary>
    public const string FixedDimensionsModelPrefix = "fixed";

    public const string ServerErrorMarker = "[upstream:500]";
    public const string BadRequestMarker = "[upstream:400]";
    public const string HangMarker = "[upstream:hang]";
    public const string MissingVectorMarker = "[upstream:missing-vector]";
    public const string NotJsonMarker = "[upstream:not-json]";
    public const string NoDataMarker = "[upstream:no-data]";

    /// <summary>Answers a <see cref="HugeBody"/> (one base64 vector of about 200 MB) with its <c>Content-Length</c>.</summary>
    public const string HugeMarker = "[upstream:huge]";

    /// <summary>The same huge answer chunked, without a <c>Content-Length</c>.</summary>
    public const string HugeChunkedMarker = "[upstream:huge-chunked]";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<UpstreamCall> _calls = new();

    private FakeOpenAiUpstream(WebApplication app) => _app = app;

    /// <summary>The base URL as an OpenAI client is configured with it: <c>http://127.0.0.1:port/v1</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    public static async Task<FakeOpenAiUpstream> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var app = builder.Build();
        var upstream = new FakeOpenAiUpstream(app);
        app.MapPost("/v1/embeddings", (Delegate)upstream.EmbedAsync);

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        upstream.BaseUrl = address.TrimEnd('/') + "/v1";
        return upstream;
    }

    /// <summary>The calls whose input contained <paramref name="text"/> (e.g. a test's unique id).</summary>
    public IReadOnlyList<UpstreamCall> CallsWith(string text) =>
        _calls.Where(call => call.Inputs.Any(input => input.Contains(text, StringComparison.Ordinal))).ToList();

    /// <summary>The fake's token count of a text: one per whitespace-separated word, plus one.</summary>
    public static int TokensOf(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length + 1;

    /// <summary>The vector the fake returns for a text: derived from its SHA-256, cut to <paramref name="dimensions"/>, unit length.</summary>
    public static float[] VectorOf(string text, int dimensions = NativeDimensions)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        var vector = hash.Take(Math.Min(dimensions, NativeDimensions)).Select(b => (b - 127.5f) / 128f).ToArray();
        var norm = (float)EmbeddingsApi.Norm(vector);
        return vector.Select(value => value / norm).ToArray();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<IResult> EmbedAsync(HttpContext context)
    {
        using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        var request = body.RootElement;
        var input = request.GetProperty("input");
        string[] inputs = input.ValueKind == JsonValueKind.String
            ? [input.GetString()!]
            : input.EnumerateArray().Select(item => item.GetString()!).ToArray();
        var model = request.TryGetProperty("model", out var m) ? m.GetString() : null;
        int? dimensions = request.TryGetProperty("dimensions", out var d) && d.ValueKind == JsonValueKind.Number ? d.GetInt32() : null;
        var encoding = request.TryGetProperty("encoding_format", out var e) ? e.GetString() : null;
        var call = new UpstreamCall(context.Request.Headers.Authorization.ToString(), model, inputs, dimensions, encoding);
        _calls.Enqueue(call);

        bool Has(string marker) => inputs.Any(text => text.Contains(marker, StringComparison.Ordinal));
        if (Has(ServerErrorMarker))
        {
            return Error(StatusCodes.Status500InternalServerError, "The server had an error while processing your request.", "server_error");
        }

        if (Has(BadRequestMarker))
        {
            return Error(StatusCodes.Status400BadRequest, "Invalid input.", "invalid_request_error");
        }

        if (Has(HangMarker))
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return Results.Empty; // the caller gave up; nobody reads this
            }
        }

        if (Has(HugeMarker) || Has(HugeChunkedMarker))
        {
            var served = await HugeBody.WriteAsync(
                context,
                "application/json",
                $$"""{"object":"list","model":"{{model}}","data":[{"object":"embedding","index":0,"embedding":""" + "\"",
                new string('A', 256),
                "\"" + """}],"usage":{"prompt_tokens":1,"total_tokens":1}}""",
                declareLength: Has(HugeMarker));
            call.HugeBytesServed.TrySetResult(served);
            return Results.Empty;
        }

        if (Has(NotJsonMarker))
        {
            return Results.Text("<html><body>502 Bad Gateway</body></html>", "application/json");
        }

        if (Has(NoDataMarker))
        {
            return Results.Text("""{"object":"list","model":"x","usage":{"prompt_tokens":1,"total_tokens":1}}""", "application/json");
        }

        if (dimensions is not null && model?.StartsWith(FixedDimensionsModelPrefix, StringComparison.Ordinal) == true)
        {
            return Error(StatusCodes.Status400BadRequest, "This model does not support specifying dimensions.", "invalid_request_error");
        }

        var data = new JsonArray();
        var count = Has(MissingVectorMarker) ? inputs.Length - 1 : inputs.Length;
        for (var i = 0; i < count; i++)
        {
            var vector = VectorOf(inputs[i], dimensions ?? NativeDimensions);
            JsonNode embedding = encoding == "base64"
                ? Convert.ToBase64String(MemoryMarshal.AsBytes(vector.AsSpan()))
                : new JsonArray(vector.Select(value => (JsonNode)value).ToArray());
            data.Add(new JsonObject { ["object"] = "embedding", ["index"] = i, ["embedding"] = embedding });
        }

        var tokens = inputs.Sum(TokensOf);
        var response = new JsonObject
        {
            ["object"] = "list",
            ["data"] = data,
            ["model"] = model,
            ["usage"] = new JsonObject { ["prompt_tokens"] = tokens, ["total_tokens"] = tokens },
        };
        return Results.Text(response.ToJsonString(), "application/json");
    }

    private static IResult Error(int status, string message, string type) => Results.Text(
        new JsonObject { ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["param"] = null, ["code"] = null } }.ToJsonString(),
        "application/json",
        statusCode: status);
}
