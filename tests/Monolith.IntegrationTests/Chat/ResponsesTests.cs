using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Monolith.IntegrationTests.Embeddings;
using Monolith.IntegrationTests.Infrastructure;
using static Monolith.IntegrationTests.Chat.ChatApi;

namespace Monolith.IntegrationTests.Chat;

/// <summary><c>POST /v1/responses</c> on the wire, as the Vercel AI SDK's default and LangChain's useResponsesApi call it.</summary>
[Collection(ChatHostCollection.Name)]
public sealed class ResponsesTests(ChatHostFixture host)
{
    private readonly ChatLibrary _library = host.Library;

    [Fact]
    public async Task A_response_to_message_items_with_instructions_is_one_output_text_message_quoting_and_citing_the_collection()
    {
        using var response = await _library.Client.PostAsJsonAsync("/v1/responses", Request(stream: false));

        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        Assert.StartsWith("resp_", body["id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("response", body["object"]!.GetValue<string>());
        Assert.Equal("completed", body["status"]!.GetValue<string>());
        Assert.Equal(Extractive, body["model"]!.GetValue<string>());
        Assert.Equal("Answer from the sources.", body["instructions"]!.GetValue<string>());
        var message = Assert.Single(body["output"]!.AsArray())!;
        Assert.Equal("message", message["type"]!.GetValue<string>());
        Assert.Equal("assistant", message["role"]!.GetValue<string>());
        var part = Assert.Single(message["content"]!.AsArray())!;
        Assert.Equal("output_text", part["type"]!.GetValue<string>());
        Assert.Contains(ChatDocuments.BeeQuote, part["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(_library.DocumentId(ChatDocuments.Bees), Assert.Single(body["citations"]!.AsArray())!["documentId"]!.GetValue<Guid>());
        var usage = body["usage"]!;
        Assert.True(usage["input_tokens"]!.GetValue<long>() > 0);
        Assert.Equal(usage["input_tokens"]!.GetValue<long>() + usage["output_tokens"]!.GetValue<long>(), usage["total_tokens"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_streamed_response_is_the_typed_events_whose_deltas_add_up_to_the_done_text()
    {
        using var whole = await _library.Client.PostAsJsonAsync("/v1/responses", Request(stream: false));
        var expected = (await whole.ReadJsonAsync())["output"]![0]!["content"]![0]!["text"]!.GetValue<string>();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/responses") { Content = JsonContent.Create(Request(stream: true)) };

        using var response = await _library.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var events = await ReadEventStreamAsync(response);

        var types = events.Select(sse => sse.Json["type"]!.GetValue<string>()).ToList();
        Assert.Equal(events.Select(sse => sse.Name), types);
        Assert.Equal(Enumerable.Range(0, events.Count), events.Select(sse => sse.Json["sequence_number"]!.GetValue<int>()));
        Assert.Equal(["response.created", "response.in_progress", "response.output_item.added", "response.content_part.added"], types[..4]);
        Assert.Equal(["response.output_text.done", "response.content_part.done", "response.output_item.done", "response.completed"], types[^4..]);
        Assert.All(types[4..^4], type => Assert.Equal("response.output_text.delta", type));
        Assert.True(types.Count > 10, "The answer was not streamed.");
        var deltas = string.Concat(events.Where(sse => sse.Name == "response.output_text.delta").Select(sse => sse.Json["delta"]!.GetValue<string>()));
        Assert.Equal(expected, deltas);
        Assert.Equal(expected, events[^4].Json["text"]!.GetValue<string>());
        Assert.Equal("completed", events[^1].Json["response"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_string_input_cut_by_max_output_tokens_is_incomplete_for_that_reason()
    {
        using var response = await _library.Client.PostAsJsonAsync("/v1/responses", new { model = Extractive, input = ChatDocuments.BeeQuestion, max_output_tokens = 2 });

        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        Assert.Equal("incomplete", body["status"]!.GetValue<string>());
        Assert.Equal("max_output_tokens", body["incomplete_details"]!["reason"]!.GetValue<string>());
        Assert.Equal(2, body["usage"]!["output_tokens"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("""{"model":"extractive","input":"hi","tools":[{"type":"function","name":"f","parameters":{"type":"object"}}]}""", "tools")]
    [InlineData("""{"model":"extractive","input":"hi","text":{"format":{"type":"json_schema","name":"a","schema":{"type":"object"}}}}""", "text.format")]
    [InlineData("""{"model":"extractive","input":[{"type":"function_call_output","call_id":"c1","output":"22 C"}]}""", "input[0]")]
    [InlineData("""{"model":"extractive","input":"hi","conversation":"conv_1"}""", "conversation")]
    [InlineData("""{"model":"extractive","input":[{"role":"user","content":[{"type":"input_image","image_url":"https://example.com/a.png"}]}]}""", "input[0].content")]
    [InlineData("""{"model":"extractive","input":[{"role":"user","content":[{"type":"input_file","file_id":"file_1"}]}]}""", "input[0].content")]
    public async Task What_responses_cannot_honour_is_400_unsupported_parameter_naming_it(string json, string param)
    {
        using var response = await _library.Client.PostAsync("/v1/responses", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        await OpenAiError.AssertAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", param, "unsupported_parameter");
    }

    [Fact]
    public async Task A_stored_response_is_retrieved_as_created_until_deleted_and_store_false_keeps_nothing()
    {
        using var created = await _library.Client.PostAsJsonAsync("/v1/responses", Request(stream: false));
        var text = await created.Content.ReadAsStringAsync();
        var id = JsonNode.Parse(text)!["id"]!.GetValue<string>();
        Assert.True(JsonNode.Parse(text)!["store"]!.GetValue<bool>());

        using (var retrieved = await _library.Client.GetAsync($"/v1/responses/{id}"))
        {
            Assert.Equal(HttpStatusCode.OK, retrieved.StatusCode);
            Assert.Equal(text, await retrieved.Content.ReadAsStringAsync());
        }

        using (var deleted = await _library.Client.DeleteAsync($"/v1/responses/{id}"))
        {
            var body = await deleted.ReadJsonAsync();
            Assert.True(deleted.StatusCode == HttpStatusCode.OK, body.ToJsonString());
            Assert.Equal(id, body["id"]!.GetValue<string>());
            Assert.True(body["deleted"]!.GetValue<bool>());
        }

        using (var gone = await _library.Client.GetAsync($"/v1/responses/{id}"))
        {
            await OpenAiError.AssertAsync(gone, HttpStatusCode.NotFound, "invalid_request_error", code: "not_found");
        }

        var unstored = Request(stream: false);
        unstored["store"] = false;
        using var notStored = await _library.Client.PostAsJsonAsync("/v1/responses", unstored);
        var notStoredBody = await notStored.ReadJsonAsync();
        Assert.False(notStoredBody["store"]!.GetValue<bool>());
        using var missing = await _library.Client.GetAsync($"/v1/responses/{notStoredBody["id"]!.GetValue<string>()}");
        await OpenAiError.AssertAsync(missing, HttpStatusCode.NotFound, "invalid_request_error", code: "not_found");
    }

    [Fact]
    public async Task A_streamed_response_is_stored_as_its_completed_event_shows_it()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/responses") { Content = JsonContent.Create(Request(stream: true)) };
        using var response = await _library.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var completed = (await ReadEventStreamAsync(response))[^1].Json["response"]!;

        using var retrieved = await _library.Client.GetAsync($"/v1/responses/{completed["id"]!.GetValue<string>()}");

        Assert.Equal(completed.ToJsonString(), (await retrieved.ReadJsonAsync()).ToJsonString());
    }

    [Fact]
    public async Task Another_users_response_is_404_to_get_delete_and_continue_and_stays()
    {
        using var created = await _library.Client.PostAsJsonAsync("/v1/responses", Request(stream: false));
        var id = (await created.ReadJsonAsync())["id"]!.GetValue<string>();
        var (_, _, intruder) = await host.Factory.NewApiKeyClientAsync();
        using var _ = intruder;

        using (var get = await intruder.GetAsync($"/v1/responses/{id}"))
        {
            await OpenAiError.AssertAsync(get, HttpStatusCode.NotFound, "invalid_request_error", code: "not_found");
        }

        using (var delete = await intruder.DeleteAsync($"/v1/responses/{id}"))
        {
            await OpenAiError.AssertAsync(delete, HttpStatusCode.NotFound, "invalid_request_error", code: "not_found");
        }

        using (var continued = await intruder.PostAsJsonAsync("/v1/responses", new { model = Extractive, input = "And then?", previous_response_id = id }))
        {
            await OpenAiError.AssertAsync(continued, HttpStatusCode.NotFound, "invalid_request_error", "previous_response_id", "not_found");
        }

        using var still = await _library.Client.GetAsync($"/v1/responses/{id}");
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
    }

    [Theory]
    [InlineData("resp_123")]
    [InlineData("not-an-id")]
    [InlineData("resp_00000000000000000000000000000000")]
    public async Task An_unknown_or_malformed_id_is_404(string id)
    {
        using var get = await _library.Client.GetAsync($"/v1/responses/{id}");
        await OpenAiError.AssertAsync(get, HttpStatusCode.NotFound, "invalid_request_error", code: "not_found");
        using var continued = await _library.Client.PostAsJsonAsync("/v1/responses", new { model = Extractive, input = "hi", previous_response_id = id });
        await OpenAiError.AssertAsync(continued, HttpStatusCode.NotFound, "invalid_request_error", "previous_response_id", "not_found");
    }

    private JsonObject Request(bool stream) => new()
    {
        ["model"] = Extractive,
        ["stream"] = stream,
        ["instructions"] = "Answer from the sources.",
        ["input"] = new JsonArray(new JsonObject
        {
            ["role"] = "user",
            ["content"] = new JsonArray(new JsonObject { ["type"] = "input_text", ["text"] = ChatDocuments.BeeQuestion }),
        }),
        ["collection_ids"] = new JsonArray(_library.CollectionId.ToString()),
    };
}
