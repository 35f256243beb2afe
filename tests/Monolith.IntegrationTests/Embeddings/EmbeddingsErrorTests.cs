using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Monolith.IntegrationTests.Infrastructure;
using static Monolith.IntegrationTests.Embeddings.EmbeddingsApi;

namespace Monolith.IntegrationTests.Embeddings;

/// <summary>Every client mistake on /v1/embeddings is an OpenAI-shaped error with the right status, never a 500.</summary>
[Collection(HostCollection.Name)]
public sealed class EmbeddingsErrorTests(HostFixture host) : IAsyncLifetime
{
    private readonly MonolithFactory _factory = host.Factory;
    private HttpClient _client = null!;

    public async Task InitializeAsync() => (_, _client) = await _factory.NewUserClientAsync();

    public Task DisposeAsync()
    {
        _client.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("sk-not-a-real-key")]
    [InlineData("not.a.jwt")]
    public async Task Without_valid_credentials_it_is_401(string? bearer)
    {
        using var client = bearer is null ? _factory.CreateClient() : _factory.CreateClient(bearer);

        using var response = await client.PostEmbeddingsAsync("""{"input":"hello"}""");

        await OpenAiError.AssertAsync(response, HttpStatusCode.Unauthorized, "invalid_request_error", code: "invalid_api_key");
    }

    [Theory]
    [InlineData("""{"input":""}""", "empty string")]
    [InlineData("""{"input":[]}""", "empty array")]
    [InlineData("""{"input":["ok",""]}""", "input[1] must not be an empty string")]
    [InlineData("""{"input":5}""", "string or an array of strings")]
    [InlineData("""{"input":{"text":"hi"}}""", "string or an array of strings")]
    [InlineData("""{"input":null}""", "input is required")]
    [InlineData("""{"model":"all-MiniLM-L6-v2"}""", "input is required")]
    [InlineData("""{"input":["ok",true]}""", "input[1] must be a string")]
    public async Task Invalid_input_is_400_on_param_input(string json, string message)
    {
        using var response = await _client.PostEmbeddingsAsync(json);

        var error = await OpenAiError.AssertAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", "input", "validation");
        Assert.Contains(message, OpenAiError.MessageOf(error), StringComparison.Ordinal);
    }

    // "input" is a JsonElement: its text is decoded only where it is read; a lone surrogate was a 500 there.
    [Theory]
    [InlineData("""{"input":"\ud800"}""", "must be valid Unicode")]
    [InlineData("""{"input":["ok","\udc00"]}""", "Text at [1] must be valid Unicode")]
    [InlineData("""{"input":"ok\u0000"}""", "NUL")]
    [InlineData("""{"input":["ok","\u0000"]}""", "Text at [1] may not contain the NUL")]
    public async Task Text_a_string_cannot_hold_is_400_on_param_input(string json, string message)
    {
        using var response = await _client.PostEmbeddingsAsync(json);

        var error = await OpenAiError.AssertAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", "input", "malformed_request");
        Assert.Contains(message, OpenAiError.MessageOf(error), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"input":[15339,-1]}""", "input[1] is not a cl100k_base token id (-1)")]
    [InlineData("""{"input":[[15339],[1917,100256]]}""", "input[1][1] is not a cl100k_base token id (100256)")]
    [InlineData("""{"input":[[15339],[1917,1.5]]}""", "input[1][1] is not a cl100k_base token id (1.5)")]
    [InlineData("""{"input":["hello",[]]}""", "input[1] must not be an empty token array")]
    public async Task A_token_array_with_an_invalid_id_is_400_naming_its_index(string json, string message)
    {
        using var response = await _client.PostEmbeddingsAsync(json);

        var error = await OpenAiError.AssertAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", "input");
        Assert.Contains(message, OpenAiError.MessageOf(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task More_inputs_than_the_limit_is_400()
    {
        var input = new JsonArray(Enumerable.Range(0, 2049).Select(_ => (JsonNode)"a").ToArray());

        using var response = await _client.PostEmbeddingsAsync(new JsonObject { ["input"] = input });

        var error = await OpenAiError.AssertAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", "input");
        Assert.Contains("2049", OpenAiError.MessageOf(error), StringComparison.Ordinal);
        Assert.Contains("2048", OpenAiError.MessageOf(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_input_over_the_character_limit_is_400_naming_it()
    {
        using var single = await _client.PostEmbeddingsAsync(new JsonObject { ["input"] = new string('a', 32_769) });
        var error = await OpenAiError.AssertAsync(single, HttpStatusCode.BadRequest, "invalid_request_error", "input");
        Assert.Contains("32768", OpenAiError.MessageOf(error), StringComparison.Ordinal);

        using var inArray = await _client.PostEmbeddingsAsync(new JsonObject { ["input"] = new JsonArray("fine", new string('a', 32_769)) });
        error = await OpenAiError.AssertAsync(inArray, HttpStatusCode.BadRequest, "invalid_request_error", "input");
        Assert.Contains("input[1]", OpenAiError.MessageOf(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_model_is_404_model_not_found()
    {
        using var response = await _client.PostEmbeddingsAsync("""{"input":"hello","model":"text-embedding-9-huge"}""");

        var error = await OpenAiError.AssertAsync(response, HttpStatusCode.NotFound, "invalid_request_error", code: "model_not_found");
        Assert.Contains("text-embedding-9-huge", OpenAiError.MessageOf(error), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(385)]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task Dimensions_the_local_model_cannot_produce_are_400_on_param_dimensions(int dimensions)
    {
        using var response = await _client.PostEmbeddingsAsync(new JsonObject { ["input"] = "hello", ["dimensions"] = dimensions });

        await OpenAiError.AssertAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", "dimensions");
    }

    [Theory]
    [InlineData("int8")]
    [InlineData("FLOAT")]
    [InlineData("")]
    public async Task An_unknown_encoding_format_is_400_on_param_encoding_format(string format)
    {
        using var response = await _client.PostEmbeddingsAsync(new JsonObject { ["input"] = "hello", ["encoding_format"] = format });

        await OpenAiError.AssertAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", "encoding_format");
    }

    [Theory]
    [InlineData("""{"input": """)]
    [InlineData("not json at all")]
    [InlineData("""{"input":"hello",}""")]
    [InlineData("""{"input":"hello","dimensions":"many"}""")]
    [InlineData("""{"input":"hello","encoding_format":7}""")]
    [InlineData("""["hello"]""")]
    [InlineData("")]
    public async Task Malformed_json_is_400(string json)
    {
        using var response = await _client.PostEmbeddingsAsync(json);

        await OpenAiError.AssertAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", code: "malformed_request");
    }

    [Fact]
    public async Task A_non_json_content_type_is_415()
    {
        using var content = new StringContent("""{"input":"hello"}""", Encoding.UTF8, "text/plain");

        using var response = await _client.PostAsync("/v1/embeddings", content);

        await OpenAiError.AssertAsync(response, HttpStatusCode.UnsupportedMediaType, "invalid_request_error", code: "unsupported_media_type");
    }

    [Fact]
    public async Task Unknown_v1_routes_and_methods_answer_in_OpenAIs_shape()
    {
        using var unknown = await _client.GetAsync("/v1/nothing-here");
        await OpenAiError.AssertAsync(unknown, HttpStatusCode.NotFound, "invalid_request_error");

        using var wrongMethod = await _client.GetAsync("/v1/embeddings");
        await OpenAiError.AssertAsync(wrongMethod, HttpStatusCode.MethodNotAllowed, "invalid_request_error");
    }

    [Fact]
    public async Task A_body_over_the_platforms_1_MiB_default_but_under_the_embeddings_limit_is_accepted()
    {
        // 40 copies of one 30,000-character text: 1.2 MB on the wire, one inference (duplicates are embedded once).
        var text = string.Join(' ', Enumerable.Repeat($"limit {Guid.NewGuid():N}", 2_000))[..30_000];
        var input = new JsonArray(Enumerable.Repeat(text, 40).Select(t => (JsonNode)t).ToArray());

        using var response = await _client.PostEmbeddingsAsync(new JsonObject { ["input"] = input });

        var body = await response.ReadEmbeddingsAsync();
        Assert.Equal(40, body["data"]!.AsArray().Count);
        Assert.Equal(40 * LocalMaxTokens, body["usage"]!["prompt_tokens"]!.GetValue<int>());
    }
}
