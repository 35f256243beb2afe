using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Monolith.BuildingBlocks.Application;
using Monolith.IntegrationTests.Infrastructure;
using Monolith.Modules.Embeddings.Contracts;
using Wolverine;
using static Monolith.IntegrationTests.Embeddings.EmbeddingsApi;

namespace Monolith.IntegrationTests.Embeddings;

/// <summary>
/// Configured OpenAI-compatible models, called through Microsoft.Extensions.AI's OpenAI adapter, against
/// <see cref="FakeOpenAiUpstream"/>: what reaches the upstream, and how its failures reach our clients.
/// </summary>
[Collection(UpstreamHostCollection.Name)]
public sealed class UpstreamModelTests(UpstreamHostFixture fixture) : IAsyncLifetime
{
    private readonly MonolithFactory _factory = fixture.Factory;
    private readonly FakeOpenAiUpstream _upstream = fixture.Upstream;
    private readonly string _id = Guid.NewGuid().ToString("N");
    private HttpClient _client = null!;

    public async Task InitializeAsync() => (_, _client) = await _factory.NewUserClientAsync();

    public Task DisposeAsync()
    {
        _client.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task An_upstream_model_embeds_with_the_configured_key_model_id_and_document_prefix()
    {
        string[] texts = [$"first {_id}", $"the second text {_id}", $"third, a somewhat longer text than the others {_id}"];

        using var response = await _client.PostEmbeddingsAsync(new JsonObject
        {
            ["model"] = "fake",
            ["input"] = new JsonArray(texts.Select(text => (JsonNode)text).ToArray()),
        });

        var body = await response.ReadEmbeddingsAsync();
        Assert.Equal("fake", body["model"]!.GetValue<string>());
        var call = Assert.Single(_upstream.CallsWith(_id));
        Assert.Equal($"Bearer {UpstreamHostFixture.UpstreamApiKey}", call.Authorization);
        Assert.Equal(UpstreamHostFixture.UpstreamModel, call.Model);
        var sent = texts.Select(text => UpstreamHostFixture.DocumentPrefix + text).ToArray();
        Assert.Equal(sent, call.Inputs);
        var vectors = VectorsOf(body);
        Assert.Equal(texts.Length, vectors.Length);
        for (var i = 0; i < texts.Length; i++)
        {
            AssertIdentical(FakeOpenAiUpstream.VectorOf(sent[i]), vectors[i]);
        }

        // Usage is the upstream's count, whole.
        Assert.Equal(sent.Sum(FakeOpenAiUpstream.TokensOf), body["usage"]!["prompt_tokens"]!.GetValue<int>());

        // Cached now: the same texts do not reach the upstream again.
        var again = await _client.EmbedAsync(new JsonObject { ["model"] = "fake", ["input"] = texts[1] });
        AssertIdentical(vectors[1], again[0]);
        Assert.Single(_upstream.CallsWith(_id));
    }

    [Fact]
    public async Task Dimensions_pass_through_to_an_upstream_that_supports_them()
    {
        var text = $"shortened {_id}";

        var vectors = await _client.EmbedAsync(new JsonObject { ["model"] = "fake", ["input"] = text, ["dimensions"] = 4, ["encoding_format"] = "base64" });

        var call = Assert.Single(_upstream.CallsWith(_id));
        Assert.Equal(4, call.Dimensions);
        AssertIdentical(FakeOpenAiUpstream.VectorOf(UpstreamHostFixture.DocumentPrefix + text, 4), vectors[0]);

        using var tooMany = await _client.PostEmbeddingsAsync(new JsonObject { ["model"] = "fake", ["input"] = text, ["dimensions"] = 9 });
        await OpenAiError.AssertAsync(tooMany, HttpStatusCode.BadRequest, "invalid_request_error", "dimensions");
    }

    [Fact]
    public async Task A_model_without_dimension_support_is_not_sent_dimensions_and_rejects_other_sizes()
    {
        var text = $"fixed size {_id}";

        var vectors = await _client.EmbedAsync(new JsonObject { ["model"] = "fixed", ["input"] = text });

        var call = Assert.Single(_upstream.CallsWith(_id));
        Assert.Equal(UpstreamHostFixture.FixedUpstreamModel, call.Model);
        Assert.Null(call.Dimensions);
        AssertIdentical(FakeOpenAiUpstream.VectorOf(text), vectors[0]);

        // Asking for the native size is no shortening: the upstream is not sent the parameter either.
        var native = await _client.EmbedAsync(new JsonObject { ["model"] = "fixed", ["input"] = $"native size {_id}", ["dimensions"] = FakeOpenAiUpstream.NativeDimensions });
        Assert.Equal(FakeOpenAiUpstream.NativeDimensions, native[0].Length);
        Assert.All(_upstream.CallsWith(_id), upstreamCall => Assert.Null(upstreamCall.Dimensions));

        using var shortened = await _client.PostEmbeddingsAsync(new JsonObject { ["model"] = "fixed", ["input"] = text, ["dimensions"] = 4 });
        await OpenAiError.AssertAsync(shortened, HttpStatusCode.BadRequest, "invalid_request_error", "dimensions");
    }

    [Fact]
    public async Task Models_lists_the_upstream_models_next_to_the_local_one()
    {
        using var response = await _client.GetAsync("/v1/models");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var models = (await response.ReadJsonAsync())["data"]!.AsArray().Select(model => model!.AsObject()).ToList();
        // Chat's models follow the embedding models in the same list.
        Assert.Equal(["all-MiniLM-L6-v2", "fake", "fixed", "impatient", "unreachable", "extractive"], models.Select(model => model["id"]!.GetValue<string>()));
        Assert.All(models, model => Assert.Equal("model", model["object"]!.GetValue<string>()));
        Assert.Equal("127.0.0.1", models.Single(model => model["id"]!.GetValue<string>() == "fake")["owned_by"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_upstream_500_is_retried_once_with_backoff_then_502()
    {
        var stopwatch = Stopwatch.StartNew();

        using var response = await _client.PostEmbeddingsAsync(new JsonObject { ["model"] = "fake", ["input"] = $"{FakeOpenAiUpstream.ServerErrorMarker} {_id}" });

        var error = await OpenAiError.AssertAsync(response, HttpStatusCode.BadGateway, "server_error", code: "upstream_error");
        Assert.Contains("500", OpenAiError.MessageOf(error), StringComparison.Ordinal);
        Assert.Equal(2, _upstream.CallsWith(_id).Count);
        Assert.True(stopwatch.Elapsed > TimeSpan.FromMilliseconds(300), $"no backoff before the retry: {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task An_upstream_400_is_502_without_retry()
    {
        using var response = await _client.PostEmbeddingsAsync(new JsonObject { ["model"] = "fake", ["input"] = $"{FakeOpenAiUpstream.BadRequestMarker} {_id}" });

        var error = await OpenAiError.AssertAsync(response, HttpStatusCode.BadGateway, "server_error", code: "upstream_error");
        Assert.Contains("400", OpenAiError.MessageOf(error), StringComparison.Ordinal);
        Assert.Single(_upstream.CallsWith(_id));
    }

    [Fact]
    public async Task An_upstream_slower_than_the_timeout_is_504()
    {
        var stopwatch = Stopwatch.StartNew();

        using var response = await _client.PostEmbeddingsAsync(new JsonObject { ["model"] = "impatient", ["input"] = $"{FakeOpenAiUpstream.HangMarker} {_id}" });

        await OpenAiError.AssertAsync(response, HttpStatusCode.GatewayTimeout, "server_error", code: "upstream_timeout");
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task An_unreachable_upstream_is_502_after_the_retry()
    {
        using var response = await _client.PostEmbeddingsAsync(new JsonObject { ["model"] = "unreachable", ["input"] = $"anyone there {_id}" });

        var error = await OpenAiError.AssertAsync(response, HttpStatusCode.BadGateway, "server_error", code: "upstream_error");
        Assert.Contains("no response", OpenAiError.MessageOf(error), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FakeOpenAiUpstream.MissingVectorMarker)]
    [InlineData(FakeOpenAiUpstream.NotJsonMarker)]
    [InlineData(FakeOpenAiUpstream.NoDataMarker)]
    public async Task A_garbled_upstream_answer_is_502(string marker)
    {
        using var response = await _client.PostEmbeddingsAsync(new JsonObject
        {
            ["model"] = "fake",
            ["input"] = new JsonArray($"{marker} {_id}", $"second {_id}"),
        });

        await OpenAiError.AssertAsync(response, HttpStatusCode.BadGateway, "server_error", code: "upstream_error");
    }

    [Theory]
    [InlineData("fake", FakeOpenAiUpstream.HugeMarker, UpstreamHostFixture.MaxResponseBytes)]
    [InlineData("fake", FakeOpenAiUpstream.HugeChunkedMarker, UpstreamHostFixture.MaxResponseBytes)]
    [InlineData("fixed", FakeOpenAiUpstream.HugeChunkedMarker, UpstreamHostFixture.DefaultMaxResponseBytes)]
    public async Task A_huge_upstream_answer_is_502_once_the_models_bound_is_passed_without_reading_the_rest(string model, string marker, long bound)
    {
        using var response = await _client.PostEmbeddingsAsync(new JsonObject { ["model"] = model, ["input"] = $"{marker} {_id}" });

        // A 502, not the 504 the 2 s timeout would give: the bound stopped the reading, not the clock.
        var error = await OpenAiError.AssertAsync(response, HttpStatusCode.BadGateway, "server_error", code: "upstream_error");
        Assert.Contains($"exceeded {bound} bytes", OpenAiError.MessageOf(error), StringComparison.Ordinal);
        var call = Assert.Single(_upstream.CallsWith(_id)); // the same request would bring the same answer: no retry
        var served = await call.HugeBytesServed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        // Beyond the bound only what the sockets buffered (a few MB on loopback) was written before the connection closed.
        Assert.True(served < HugeBody.Bytes / 8, $"{served} of {HugeBody.Bytes} bytes were served before the answer was given up.");
    }

    [Fact]
    public async Task The_contracts_use_the_query_prefix_and_describe_the_upstream_model()
    {
        var text = $"what is a fake {_id}";
        using var scope = _factory.Services.CreateScope();
        var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();

        var generated = await bus.InvokeAsync<GeneratedEmbeddings>(new GenerateEmbeddings([text], EmbeddingPurpose.Query, "fake"));
        var info = await bus.InvokeAsync<EmbeddingModelInfo>(new GetEmbeddingModel("fake"));

        Assert.Null(generated.Error);
        Assert.Equal(FakeOpenAiUpstream.NativeDimensions, generated.Dimensions);
        Assert.Equal([UpstreamHostFixture.QueryPrefix + text], Assert.Single(_upstream.CallsWith(_id)).Inputs);
        AssertIdentical(FakeOpenAiUpstream.VectorOf(UpstreamHostFixture.QueryPrefix + text), generated.Vectors[0]);
        Assert.Equal(new EmbeddingModelInfo(true, "fake", FakeOpenAiUpstream.NativeDimensions, 8191), info);

        // A failing upstream is raised to the caller (its retry policy applies), not reported as Error.
        var failure = await Assert.ThrowsAsync<ProblemException>(() => bus.InvokeAsync<GeneratedEmbeddings>(
            new GenerateEmbeddings([$"{FakeOpenAiUpstream.BadRequestMarker} {_id}"], EmbeddingPurpose.Query, "fake")));
        Assert.Equal(502, failure.Status);
    }

    [Fact]
    public async Task A_body_over_the_embeddings_limit_is_413_in_OpenAIs_shape_and_one_under_it_is_processed()
    {
        var half = new string('x', (UpstreamHostFixture.MaxRequestBodyBytes / 2) - 100);

        using var under = await _client.PostEmbeddingsAsync(new JsonObject { ["model"] = "fake", ["input"] = new JsonArray($"{_id} {half}", $"{_id} b {half}") });
        Assert.Equal(2, VectorsOf(await under.ReadEmbeddingsAsync()).Length);

        using var over = await _client.PostEmbeddingsAsync(new JsonObject { ["model"] = "fake", ["input"] = new JsonArray(half, half, half) });
        await OpenAiError.AssertAsync(over, HttpStatusCode.RequestEntityTooLarge, "invalid_request_error", code: "payload_too_large");
    }
}
