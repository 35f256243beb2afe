using System.Net;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;
using Monolith.IntegrationTests.Infrastructure;

namespace Monolith.IntegrationTests.Embeddings;

/// <summary>Helpers over the OpenAI-compatible surface (<c>/v1</c>) and the vectors it returns.</summary>
public static class EmbeddingsApi
{
    public const string LocalModel = "all-MiniLM-L6-v2";
    public const int LocalDimensions = 384;
    public const int LocalMaxTokens = 256;

    /// <summary>A new user, an API key created for them through the API, and a client authenticated with that key.</summary>
    public static async Task<(TestUser User, string ApiKey, HttpClient Client)> NewApiKeyClientAsync(this MonolithFactory factory)
    {
        var (user, jwtClient) = await factory.NewUserClientAsync();
        using (jwtClient)
        {
            using var created = await jwtClient.PostAsJsonAsync("/api/v1/users/me/api-keys", new { name = "openai-client" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var key = (await created.ReadJsonAsync())["key"]!.GetValue<string>();
            return (user, key, factory.CreateClient(key));
        }
    }

    /// <summary>POST /v1/embeddings with a raw JSON body.</summary>
    public static async Task<HttpResponseMessage> PostEmbeddingsAsync(this HttpClient client, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return await client.PostAsync("/v1/embeddings", content);
    }

    /// <summary>POST /v1/embeddings with the body serialized from an object (snake_case names given by the caller).</summary>
    public static Task<HttpResponseMessage> PostEmbeddingsAsync(this HttpClient client, JsonObject body) =>
        client.PostEmbeddingsAsync(body.ToJsonString());

    /// <summary>Asserts a 200 embeddings response and returns it parsed.</summary>
    public static async Task<JsonObject> ReadEmbeddingsAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Embeds with a raw request and returns the vectors in response order (either encoding).</summary>
    public static async Task<float[][]> EmbedAsync(this HttpClient client, JsonObject body)
    {
        using var response = await client.PostEmbeddingsAsync(body);
        return VectorsOf(await response.ReadEmbeddingsAsync());
    }

    public static float[][] VectorsOf(JsonObject embeddings) =>
        embeddings["data"]!.AsArray().Select(item => VectorOf(item!["embedding"]!)).ToArray();

    /// <summary>A float array, or a base64 string of little-endian float32 values (OpenAI's two encodings).</summary>
    public static float[] VectorOf(JsonNode embedding) => embedding is JsonArray floats
        ? floats.Select(value => value!.GetValue<float>()).ToArray()
        : MemoryMarshal.Cast<byte, float>(Convert.FromBase64String(embedding.GetValue<string>())).ToArray();

    public static double Norm(ReadOnlySpan<float> vector)
    {
        var sum = 0.0;
        foreach (var value in vector)
        {
            sum += (double)value * value;
        }

        return Math.Sqrt(sum);
    }

    public static double Cosine(float[] a, float[] b)
    {
        var dot = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
        }

        return dot / (Norm(a) * Norm(b));
    }

    /// <summary>Equal bit for bit (not merely within a tolerance).</summary>
    public static void AssertIdentical(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        Assert.True(MemoryMarshal.AsBytes(expected).SequenceEqual(MemoryMarshal.AsBytes(actual)), "The vectors differ bit for bit.");
    }
}
