using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Monolith.IntegrationTests.Infrastructure;
using Monolith.Modules.Embeddings.Contracts;
using Wolverine;
using static Monolith.IntegrationTests.Embeddings.EmbeddingsApi;

namespace Monolith.IntegrationTests.Embeddings;

/// <summary>The contracts other modules use, through Wolverine's <see cref="IMessageBus"/>, as they would.</summary>
[Collection(HostCollection.Name)]
public sealed class EmbeddingsContractTests(HostFixture host)
{
    // The first call may load the model; Wolverine's default timeout for InvokeAsync is 5 s.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly MonolithFactory _factory = host.Factory;

    [Fact]
    public async Task GenerateEmbeddings_returns_the_vectors_the_HTTP_API_returns_for_the_same_texts()
    {
        string[] texts = [$"contract {Guid.NewGuid():N}", "A man is eating food."];

        var generated = await InvokeAsync<GeneratedEmbeddings>(new GenerateEmbeddings(texts, EmbeddingPurpose.Document));

        Assert.Null(generated.Error);
        Assert.Equal(LocalModel, generated.Model);
        Assert.Equal(LocalDimensions, generated.Dimensions);
        Assert.Equal(2, generated.Vectors.Count);
        Assert.All(generated.Vectors, vector => Assert.Equal(1.0, Norm(vector), 4));
        Assert.Equal(8 + await TokensAsync(texts[0]), generated.TokenCount);

        var (_, client) = await _factory.NewUserClientAsync();
        using var _ = client;
        var overHttp = await client.EmbedAsync(new JsonObject { ["input"] = new JsonArray(texts[0], texts[1]) });
        AssertIdentical(generated.Vectors[0], overHttp[0]);
        AssertIdentical(generated.Vectors[1], overHttp[1]);

        // Computed again without the cache, the model gives the same vector (to float rounding).
        await _factory.Database.ScalarAsync<int>(
            $"DELETE FROM embeddings.cache WHERE model_key = '{LocalModel}' AND text_hash = sha256(convert_to('{texts[0]}', 'UTF8'))");
        var recomputed = await InvokeAsync<GeneratedEmbeddings>(new GenerateEmbeddings([texts[0]], EmbeddingPurpose.Query));
        Assert.Equal(generated.Vectors[0], recomputed.Vectors[0], (a, b) => Math.Abs(a - b) < 1e-5f);
    }

    [Fact]
    public async Task GenerateEmbeddings_with_an_unknown_model_sets_Error()
    {
        var generated = await InvokeAsync<GeneratedEmbeddings>(new GenerateEmbeddings(["hello"], EmbeddingPurpose.Query, "no-such-model"));

        Assert.NotNull(generated.Error);
        Assert.Contains("no-such-model", generated.Error, StringComparison.Ordinal);
        Assert.Empty(generated.Vectors);
    }

    [Fact]
    public async Task GetEmbeddingModel_describes_the_default_model_and_reports_unknown_ones()
    {
        var info = await InvokeAsync<EmbeddingModelInfo>(new GetEmbeddingModel());
        Assert.Equal(new EmbeddingModelInfo(true, LocalModel, LocalDimensions, LocalMaxTokens), info);

        var named = await InvokeAsync<EmbeddingModelInfo>(new GetEmbeddingModel(LocalModel));
        Assert.Equal(info, named);

        var unknown = await InvokeAsync<EmbeddingModelInfo>(new GetEmbeddingModel("no-such-model"));
        Assert.False(unknown.Found);
    }

    private async Task<T> InvokeAsync<T>(object message)
    {
        using var scope = _factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeAsync<T>(message, timeout: Timeout);
    }

    private async Task<int> TokensAsync(string text)
    {
        var (_, client) = await _factory.NewUserClientAsync();
        using var _ = client;
        using var response = await client.PostEmbeddingsAsync(new JsonObject { ["input"] = text });
        return (await response.ReadEmbeddingsAsync())["usage"]!["prompt_tokens"]!.GetValue<int>();
    }
}
