using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Monolith.IntegrationTests.Infrastructure;
using OpenAI;
using OpenAI.Embeddings;
using static Monolith.IntegrationTests.Embeddings.EmbeddingsApi;

namespace Monolith.IntegrationTests.Embeddings;

/// <summary>The official OpenAI .NET client and Microsoft.Extensions.AI against /v1, with an API key made through the API.</summary>
[Collection(HostCollection.Name)]
public sealed class OpenAiClientTests(HostFixture host)
{
    private static readonly string[] Texts = ["A man is eating food.", "A man is eating a piece of bread.", "A man is riding a horse."];

    private readonly MonolithFactory _factory = host.Factory;

    [Fact]
    public async Task The_client_asks_for_base64_and_gets_unit_length_384_dimension_vectors_identical_to_the_float_encoding()
    {
        var (_, apiKey, http) = await _factory.NewApiKeyClientAsync();
        using var _ = http;
        using var recorder = new RecordingHandler();
        var client = OpenAiClient(apiKey, recorder).GetEmbeddingClient(LocalModel);

        OpenAIEmbeddingCollection embeddings = await client.GenerateEmbeddingsAsync(Texts);

        var sent = Assert.Single(recorder.Bodies);
        Assert.Equal("base64", sent["encoding_format"]?.GetValue<string>());
        Assert.Equal(LocalModel, sent["model"]?.GetValue<string>());
        Assert.Equal(LocalModel, embeddings.Model);
        Assert.Equal([0, 1, 2], embeddings.Select(embedding => embedding.Index));
        var vectors = embeddings.Select(embedding => embedding.ToFloats().ToArray()).ToArray();
        Assert.All(vectors, vector =>
        {
            Assert.Equal(LocalDimensions, vector.Length);
            Assert.Equal(1.0, Norm(vector), 4);
        });
        Assert.True(embeddings.Usage.InputTokenCount > 8, $"prompt tokens: {embeddings.Usage.InputTokenCount}");
        Assert.Equal(embeddings.Usage.InputTokenCount, embeddings.Usage.TotalTokenCount);

        // The real model: eating food is closer to eating bread than to riding a horse.
        Assert.True(Cosine(vectors[0], vectors[1]) > Cosine(vectors[0], vectors[2]) + 0.1);

        var asFloats = await http.EmbedAsync(new JsonObject
        {
            ["model"] = LocalModel,
            ["input"] = new JsonArray(Texts.Select(text => (JsonNode)text).ToArray()),
            ["encoding_format"] = "float",
        });
        Assert.Equal(vectors.Length, asFloats.Length);
        for (var i = 0; i < vectors.Length; i++)
        {
            AssertIdentical(vectors[i], asFloats[i]);
        }
    }

    [Fact]
    public async Task Microsoft_Extensions_AI_generates_the_same_vectors_and_reports_usage()
    {
        var (_, apiKey, http) = await _factory.NewApiKeyClientAsync();
        using var _ = http;
        using var recorder = new RecordingHandler();
        using var generator = OpenAiClient(apiKey, recorder).GetEmbeddingClient(LocalModel).AsIEmbeddingGenerator();

        var single = await generator.GenerateAsync([Texts[0]]);
        var all = await generator.GenerateAsync(Texts);

        Assert.Equal(8, single.Usage?.InputTokenCount); // [CLS] a man is eating food . [SEP]
        Assert.Equal(3, all.Count);
        Assert.All(all, embedding =>
        {
            Assert.Equal(LocalDimensions, embedding.Vector.Length);
            Assert.Equal(LocalModel, embedding.ModelId);
            Assert.Equal(1.0, Norm(embedding.Vector.Span), 4);
        });
        AssertIdentical(single[0].Vector.Span, all[0].Vector.Span);
        var direct = await http.EmbedAsync(new JsonObject { ["input"] = Texts[2] });
        AssertIdentical(direct[0], all[2].Vector.Span);
    }

    [Fact]
    public async Task The_client_raises_our_errors_with_their_status_and_message()
    {
        var (_, apiKey, http) = await _factory.NewApiKeyClientAsync();
        using var _ = http;

        var unknown = await Assert.ThrowsAsync<ClientResultException>(() =>
            OpenAiClient(apiKey).GetEmbeddingClient("no-such-model").GenerateEmbeddingsAsync(["text"]));
        Assert.Equal((int)HttpStatusCode.NotFound, unknown.Status);
        Assert.Contains("no-such-model", unknown.Message, StringComparison.Ordinal);

        var dimensions = await Assert.ThrowsAsync<ClientResultException>(() =>
            OpenAiClient(apiKey).GetEmbeddingClient(LocalModel).GenerateEmbeddingsAsync(["text"], new OpenAI.Embeddings.EmbeddingGenerationOptions { Dimensions = 100 }));
        Assert.Equal((int)HttpStatusCode.BadRequest, dimensions.Status);

        var badKey = await Assert.ThrowsAsync<ClientResultException>(() =>
            OpenAiClient("sk-not-a-real-key").GetEmbeddingClient(LocalModel).GenerateEmbeddingsAsync(["text"]));
        Assert.Equal((int)HttpStatusCode.Unauthorized, badKey.Status);
    }

    private OpenAIClient OpenAiClient(string apiKey, RecordingHandler? recorder = null)
    {
        using var probe = _factory.CreateClient();
        var options = new OpenAIClientOptions { Endpoint = new Uri(probe.BaseAddress!, "/v1") };
        if (recorder is not null)
        {
            options.Transport = new HttpClientPipelineTransport(recorder.Client);
        }

        return new OpenAIClient(new ApiKeyCredential(apiKey), options);
    }
}
