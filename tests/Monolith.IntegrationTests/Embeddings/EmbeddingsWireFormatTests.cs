using System.Net;
using System.Text.Json.Nodes;
using Monolith.IntegrationTests.Infrastructure;
using static Monolith.IntegrationTests.Embeddings.EmbeddingsApi;

namespace Monolith.IntegrationTests.Embeddings;

/// <summary>POST /v1/embeddings and GET /v1/models on the wire, field by field, with a plain HttpClient.</summary>
[Collection(HostCollection.Name)]
public sealed class EmbeddingsWireFormatTests(HostFixture host)
{
    private readonly MonolithFactory _factory = host.Factory;

    [Fact]
    public async Task A_string_input_returns_OpenAIs_list_shape_with_prompt_tokens_counting_CLS_and_SEP()
    {
        var (_, client) = await _factory.NewUserClientAsync();
        using var _ = client;

        using var response = await client.PostEmbeddingsAsync("""{"input":"A man is eating food.","model":"all-MiniLM-L6-v2","encoding_format":"float"}""");

        var body = await response.ReadEmbeddingsAsync();
        Assert.Equal(["data", "model", "object", "usage"], body.Select(member => member.Key).Order(StringComparer.Ordinal));
        Assert.Equal("list", body["object"]!.GetValue<string>());
        Assert.Equal(LocalModel, body["model"]!.GetValue<string>());
        var item = Assert.Single(body["data"]!.AsArray())!.AsObject();
        Assert.Equal(["embedding", "index", "object"], item.Select(member => member.Key).Order(StringComparer.Ordinal));
        Assert.Equal("embedding", item["object"]!.GetValue<string>());
        Assert.Equal(0, item["index"]!.GetValue<int>());
        var vector = Assert.IsType<JsonArray>(item["embedding"]);
        Assert.Equal(LocalDimensions, vector.Count);
        Assert.Equal(1.0, Norm(VectorOf(vector)), 4);
        var usage = body["usage"]!.AsObject();
        Assert.Equal(["prompt_tokens", "total_tokens"], usage.Select(member => member.Key).Order(StringComparer.Ordinal));
        Assert.Equal(8, usage["prompt_tokens"]!.GetValue<int>());
        Assert.Equal(8, usage["total_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task Token_arrays_of_cl100k_base_ids_embed_as_the_text_they_encode()
    {
        var (_, client) = await _factory.NewUserClientAsync();
        using var _ = client;
        var tiktoken = Microsoft.ML.Tokenizers.TiktokenTokenizer.CreateForEncoding("cl100k_base");
        string[] texts = [$"Honey bees dance {Guid.NewGuid():N}", "Café crème, naïve résumé"];
        JsonNode TokensOf(string text) => new JsonArray(tiktoken.EncodeToIds(text).Select(id => (JsonNode)id).ToArray());

        using var asText = await client.PostEmbeddingsAsync(new JsonObject { ["input"] = new JsonArray(texts.Select(t => (JsonNode)t).ToArray()) });
        using var asTokens = await client.PostEmbeddingsAsync(new JsonObject { ["input"] = new JsonArray(texts.Select(TokensOf).ToArray()) });
        using var oneArray = await client.PostEmbeddingsAsync(new JsonObject { ["input"] = TokensOf(texts[0]) });
        using var helloWorld = await client.PostEmbeddingsAsync("""{"input":[15339,1917]}"""); // tiktoken's ids of "hello world"
        using var helloWorldText = await client.PostEmbeddingsAsync("""{"input":"hello world"}""");

        var expected = VectorsOf(await asText.ReadEmbeddingsAsync());
        var decoded = VectorsOf(await asTokens.ReadEmbeddingsAsync());
        Assert.Equal(2, decoded.Length);
        AssertIdentical(expected[0], decoded[0]);
        AssertIdentical(expected[1], decoded[1]);
        var single = VectorsOf(await oneArray.ReadEmbeddingsAsync());
        var hello = VectorsOf(await helloWorld.ReadEmbeddingsAsync());
        var helloText = VectorsOf(await helloWorldText.ReadEmbeddingsAsync());
        AssertIdentical(expected[0], Assert.Single(single));
        AssertIdentical(Assert.Single(helloText), Assert.Single(hello));
    }

    [Fact]
    public async Task An_array_input_keeps_the_order_and_duplicates_and_sums_the_tokens()
    {
        var (_, client) = await _factory.NewUserClientAsync();
        using var _ = client;
        var id = Guid.NewGuid().ToString("N");
        string[] texts = [$"zebra {id}", $"quantum chromodynamics {id}", $"zebra {id}", $"a short poem about the sea {id}"];

        using var response = await client.PostEmbeddingsAsync(new JsonObject { ["input"] = new JsonArray(texts.Select(t => (JsonNode)t).ToArray()) });

        var body = await response.ReadEmbeddingsAsync();
        Assert.Equal(LocalModel, body["model"]!.GetValue<string>()); // the default model
        var data = body["data"]!.AsArray();
        Assert.Equal([0, 1, 2, 3], data.Select(item => item!["index"]!.GetValue<int>()));
        Assert.All(data, item => Assert.IsType<JsonArray>(item!["embedding"])); // float is the default
        var vectors = VectorsOf(body);
        AssertIdentical(vectors[0], vectors[2]);
        Assert.True(Cosine(vectors[0], vectors[1]) < 0.99);

        var tokens = 0;
        for (var i = 0; i < texts.Length; i++)
        {
            using var single = await client.PostEmbeddingsAsync(new JsonObject { ["input"] = texts[i] });
            var one = await single.ReadEmbeddingsAsync();
            AssertIdentical(VectorsOf(one)[0], vectors[i]);
            tokens += one["usage"]!["prompt_tokens"]!.GetValue<int>();
        }

        Assert.Equal(tokens, body["usage"]!["prompt_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task Base64_is_little_endian_float32_of_the_same_vector_and_native_dimensions_are_accepted()
    {
        var (_, client) = await _factory.NewUserClientAsync();
        using var _ = client;
        var text = $"base64 encoding {Guid.NewGuid():N}";

        using var response = await client.PostEmbeddingsAsync(new JsonObject { ["input"] = text, ["encoding_format"] = "base64", ["dimensions"] = LocalDimensions });
        var body = await response.ReadEmbeddingsAsync();
        var encoded = body["data"]![0]!["embedding"]!.GetValue<string>();
        Assert.Equal(LocalDimensions * sizeof(float), Convert.FromBase64String(encoded).Length);

        var asFloats = await client.EmbedAsync(new JsonObject { ["input"] = text, ["encoding_format"] = "float" });
        AssertIdentical(asFloats[0], VectorOf(body["data"]![0]!["embedding"]!));
    }

    [Fact]
    public async Task Models_lists_the_local_model_in_OpenAIs_shape()
    {
        var (_, client) = await _factory.NewUserClientAsync();
        using var _ = client;

        using var response = await client.GetAsync("/v1/models");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.ReadJsonAsync();
        Assert.Equal("list", body["object"]!.GetValue<string>());
        var models = body["data"]!.AsArray().Select(model => model!.AsObject()).ToList();
        Assert.All(models, model =>
        {
            Assert.Equal(["created", "id", "object", "owned_by"], model.Select(member => member.Key).Order(StringComparer.Ordinal));
            Assert.False(string.IsNullOrEmpty(model["id"]!.GetValue<string>()));
            Assert.Equal("model", model["object"]!.GetValue<string>());
            Assert.InRange(model["created"]!.GetValue<long>(), DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeSeconds());
            Assert.False(string.IsNullOrEmpty(model["owned_by"]!.GetValue<string>()));
        });
        Assert.Contains(models, model => model["id"]!.GetValue<string>() == LocalModel);
    }

    [Fact]
    public async Task Each_listed_model_is_retrieved_by_id_and_an_unknown_id_is_404_model_not_found()
    {
        var (_, client) = await _factory.NewUserClientAsync();
        using var _ = client;
        using var list = await client.GetAsync("/v1/models");
        var listed = (await list.ReadJsonAsync())["data"]!.AsArray().Select(model => model!.AsObject()).ToList();

        foreach (var model in listed)
        {
            using var response = await client.GetAsync($"/v1/models/{Uri.EscapeDataString(model["id"]!.GetValue<string>())}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(model.ToJsonString(), (await response.ReadJsonAsync()).ToJsonString());
        }

        using var unknown = await client.GetAsync("/v1/models/no-such-model");
        var error = await OpenAiError.AssertAsync(unknown, HttpStatusCode.NotFound, "invalid_request_error", code: "model_not_found");
        Assert.Contains("no-such-model", OpenAiError.MessageOf(error), StringComparison.Ordinal);
        using var anonymous = _factory.CreateClient();
        using var unauthenticated = await anonymous.GetAsync($"/v1/models/{LocalModel}");
        await OpenAiError.AssertAsync(unauthenticated, HttpStatusCode.Unauthorized, "invalid_request_error", code: "invalid_api_key");
    }

    [Fact]
    public async Task Models_requires_authentication()
    {
        using var anonymous = _factory.CreateClient();

        using var response = await anonymous.GetAsync("/v1/models");

        await OpenAiError.AssertAsync(response, HttpStatusCode.Unauthorized, "invalid_request_error", code: "invalid_api_key");
    }
}
