using System.Text.Json.Nodes;
using Monolith.IntegrationTests.Infrastructure;
using static Monolith.IntegrationTests.Embeddings.EmbeddingsApi;

namespace Monolith.IntegrationTests.Embeddings;

/// <summary>The <c>embeddings.cache</c> table and truncation of long input by the local model.</summary>
[Collection(HostCollection.Name)]
public sealed class EmbeddingsCacheTests(HostFixture host)
{
    private readonly MonolithFactory _factory = host.Factory;

    [Fact]
    public async Task The_same_text_twice_returns_bit_identical_vectors_and_the_second_call_adds_no_cache_row()
    {
        var (_, client) = await _factory.NewUserClientAsync();
        using var _ = client;
        var text = $"cache me {Guid.NewGuid():N}";
        var body = new JsonObject { ["input"] = text, ["encoding_format"] = "base64" };

        using var first = await client.PostEmbeddingsAsync(body.ToJsonString());
        var firstVector = (await first.ReadEmbeddingsAsync())["data"]![0]!["embedding"]!.GetValue<string>();
        var rowsAfterFirst = await CacheRowsAsync();
        var stored = await _factory.Database.ScalarAsync<byte[]>(
            $"SELECT vector FROM embeddings.cache WHERE model_key = '{LocalModel}' AND text_hash = sha256(convert_to('{text}', 'UTF8'))");

        using var second = await client.PostEmbeddingsAsync(body.ToJsonString());
        var secondVector = (await second.ReadEmbeddingsAsync())["data"]![0]!["embedding"]!.GetValue<string>();

        Assert.Equal(firstVector, secondVector); // base64 of the raw float32 bytes: equal strings are equal bits
        Assert.Equal(Convert.FromBase64String(firstVector), stored);
        Assert.Equal(rowsAfterFirst, await CacheRowsAsync());
    }

    [Fact]
    public async Task A_cached_text_inside_a_batch_is_served_from_the_cache_and_only_new_texts_are_added()
    {
        var (_, client) = await _factory.NewUserClientAsync();
        using var _ = client;
        var id = Guid.NewGuid().ToString("N");
        var known = await client.EmbedAsync(new JsonObject { ["input"] = $"known {id}" });
        var rowsBefore = await CacheRowsAsync();

        var batch = await client.EmbedAsync(new JsonObject { ["input"] = new JsonArray($"new {id}", $"known {id}", $"new {id}") });

        AssertIdentical(known[0], batch[1]);
        AssertIdentical(batch[0], batch[2]);
        Assert.Equal(rowsBefore + 1, await CacheRowsAsync());
    }

    [Fact]
    public async Task Input_longer_than_the_model_window_is_truncated_to_256_tokens_without_error()
    {
        var (_, client) = await _factory.NewUserClientAsync();
        using var _ = client;
        // About 30,000 characters (under the 32,768 limit) of ordinary words: thousands of tokens before truncation.
        var words = "the quick brown fox jumps over the lazy dog while embeddings are computed locally".Split(' ');
        var text = $"{Guid.NewGuid():N} " + string.Join(' ', Enumerable.Range(0, 6_000).Select(i => words[i % words.Length]));
        text = text[..30_000];

        using var response = await client.PostEmbeddingsAsync(new JsonObject { ["input"] = text });

        var body = await response.ReadEmbeddingsAsync();
        Assert.Equal(LocalMaxTokens, body["usage"]!["prompt_tokens"]!.GetValue<int>());
        var vector = Assert.Single(VectorsOf(body));
        Assert.Equal(LocalDimensions, vector.Length);
        Assert.Equal(1.0, Norm(vector), 4);
    }

    private async Task<long> CacheRowsAsync() => await _factory.Database.ScalarAsync<long>("SELECT count(*) FROM embeddings.cache");
}
