using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Monolith.IntegrationTests.Embeddings;
using Monolith.IntegrationTests.Infrastructure;
using static Monolith.IntegrationTests.Chat.ChatApi;

namespace Monolith.IntegrationTests.Chat;

/// <summary>Ownership and client mistakes: problem documents on <c>/api/v1</c>, OpenAI's error shape on <c>/v1</c>, never a 500.</summary>
[Collection(ChatHostCollection.Name)]
public sealed class ChatErrorTests(ChatHostFixture host)
{
    private readonly MonolithFactory _factory = host.Factory;
    private readonly ChatLibrary _library = host.Library;

    [Fact]
    public async Task Another_users_conversation_is_404_on_every_operation_and_stays_untouched()
    {
        var id = await _library.Client.CreateConversationIdAsync(new { title = "mine", collectionIds = new[] { _library.CollectionId } });
        var (_, intruder) = await _factory.NewUserClientAsync();
        using var _ = intruder;

        using (var get = await intruder.GetAsync(Conversation(id)))
        {
            await Problem.AssertAsync(get, HttpStatusCode.NotFound, "not-found");
        }

        using (var rename = await intruder.PatchAsJsonAsync(Conversation(id), new { title = "theirs" }))
        {
            await Problem.AssertAsync(rename, HttpStatusCode.NotFound, "not-found");
        }

        using (var post = await intruder.PostMessageAsync(id, ChatDocuments.BeeQuestion))
        {
            await Problem.AssertAsync(post, HttpStatusCode.NotFound, "not-found");
        }

        using (var stream = await intruder.PostMessageStreamingAsync(id, ChatDocuments.BeeQuestion))
        {
            await Problem.AssertAsync(stream, HttpStatusCode.NotFound, "not-found");
        }

        using (var delete = await intruder.DeleteAsync(Conversation(id)))
        {
            await Problem.AssertAsync(delete, HttpStatusCode.NotFound, "not-found");
        }

        using (var list = await intruder.GetAsync(Conversations))
        {
            Assert.Equal(0, (await list.ReadJsonAsync())["total"]!.GetValue<int>());
        }

        var conversation = await _library.Client.GetConversationAsync(id);
        Assert.Equal("mine", conversation["title"]!.GetValue<string>());
        Assert.Empty(MessagesOf(conversation));
    }

    [Fact]
    public async Task A_conversation_over_another_users_or_a_missing_collection_is_404()
    {
        var (_, client) = await _factory.NewUserClientAsync();
        using var _ = client;

        using var others = await client.PostAsJsonAsync(Conversations, new { collectionIds = new[] { _library.CollectionId } });
        using var missing = await client.PostAsJsonAsync(Conversations, new { collectionIds = new[] { Guid.NewGuid() } });

        await Problem.AssertAsync(others, HttpStatusCode.NotFound, "not-found");
        await Problem.AssertAsync(missing, HttpStatusCode.NotFound, "not-found");
        using var list = await client.GetAsync(Conversations);
        Assert.Equal(0, (await list.ReadJsonAsync())["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_unknown_model_is_400_naming_the_model()
    {
        using var response = await _library.Client.PostAsJsonAsync(Conversations, new { model = "no-such-chat-model" });

        var problem = await Problem.AssertValidationAsync(response, "model");
        Assert.Contains("no-such-chat-model", problem["errors"]!["model"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"content":""}""")]
    [InlineData("""{"content":"   \n "}""")]
    [InlineData("""{"content":null}""")]
    [InlineData("{}")]
    public async Task A_message_without_content_is_400_and_nothing_is_stored(string body)
    {
        var id = await _library.Client.CreateConversationIdAsync(new { });
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await _library.Client.PostAsync(Messages(id), content);

        await Problem.AssertValidationAsync(response, "content");
        Assert.Empty(MessagesOf(await _library.Client.GetConversationAsync(id)));
    }

    [Theory]
    [InlineData("""{"title":""}""")]
    [InlineData("""{"title":"  "}""")]
    [InlineData("""{"title":null}""")]
    public async Task Renaming_to_an_empty_title_is_400(string body)
    {
        var id = await _library.Client.CreateConversationIdAsync(new { title = "kept" });
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await _library.Client.PatchAsync(Conversation(id), content);

        await Problem.AssertValidationAsync(response, "title");
        Assert.Equal("kept", (await _library.Client.GetConversationAsync(id))["title"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"model":"extractive"}""", "messages")]
    [InlineData("""{"model":"extractive","messages":[]}""", "messages")]
    [InlineData("""{"model":"extractive","messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"hello"}]}""", "messages")]
    [InlineData("""{"model":"extractive","messages":[{"role":"robot","content":"hi"}]}""", "messages")]
    [InlineData("""{"model":"extractive","messages":[{"role":"user"}]}""", "messages")]
    [InlineData("""{"model":"extractive","messages":[{"role":"user","content":"hi"}],"temperature":3}""", "temperature")]
    [InlineData("""{"model":"extractive","messages":[{"role":"user","content":"hi"}],"max_tokens":0}""", "max_tokens")]
    [InlineData("""{"model":"extractive","messages":[{"role":"user","content":"hi"}],"stop":["a","b","c","d","e"]}""", "stop")]
    [InlineData("""{"model":"extractive","stream":true,"messages":[{"role":"user","content":"hi"}],"temperature":-1}""", "temperature")]
    public async Task An_invalid_completion_request_is_400_in_OpenAIs_shape(string body, string param)
    {
        using var response = await _library.Client.PostCompletionAsync(JsonNode.Parse(body)!.AsObject());

        await OpenAiError.AssertAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", param, "validation");
    }

    // JsonElement fields keep their text undecoded; a lone surrogate was a 500 where GetString() ran, a NUL a 500 in the search.
    [Theory]
    [InlineData("""{"messages":[{"role":"user","content":"bees\ud800"}]}""", "messages[0].content", "must be valid Unicode")]
    [InlineData("""{"messages":[{"role":"user","content":[{"type":"text","text":"\udc00"}]}]}""", "messages[0].content", "Text at [0].text must be valid Unicode")]
    [InlineData("""{"messages":[{"role":"system","content":"\ud800"},{"role":"user","content":"hi"}]}""", "messages[0].content", "must be valid Unicode")]
    [InlineData("""{"messages":[{"role":"user","content":"hi"}],"stop":"\ud800"}""", "stop", "must be valid Unicode")]
    [InlineData("""{"messages":[{"role":"user","content":"hi"}],"stop":["ok","\udc00"]}""", "stop", "Text at [1] must be valid Unicode")]
    [InlineData("""{"stream":true,"messages":[{"role":"user","content":"hi"}],"stop":["\ud800"]}""", "stop", "must be valid Unicode")]
    [InlineData("""{"stream":true,"messages":[{"role":"user","content":"bees\u0000"}]}""", "messages[0].content", "NUL")]
    [InlineData("""{"messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function","function":{"name":"f\ud800"}}]}""", "tools", "Text at [0].function.name must be valid Unicode")]
    [InlineData("""{"messages":[{"role":"user","content":"hi","name":"\u0000"}]}""", "messages[0].name", "NUL")]
    [InlineData("""{"messages":[{"role":"user","content":[{"type":"text","text":"\u0000"}]}]}""", "messages[0].content", "Text at [0].text may not contain the NUL")]
    public async Task Text_a_string_cannot_hold_in_a_completion_is_400_naming_the_field(string body, string param, string message)
    {
        using var response = await _library.Client.PostCompletionAsync(body);

        var error = await OpenAiError.AssertAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", param, "malformed_request");
        Assert.Contains(message, OpenAiError.MessageOf(error), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_empty_question_over_collections_is_400_naming_messages(bool stream)
    {
        var body = $$"""{"stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"  "}],"collection_ids":["{{_library.CollectionId}}"]}""";

        using var response = await _library.Client.PostCompletionAsync(body);

        await OpenAiError.AssertAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", "messages", "validation");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_NUL_in_a_question_over_collections_is_400_not_a_database_error(bool stream)
    {
        var body = $$"""{"stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"bees\u0000"}],"collection_ids":["{{_library.CollectionId}}"]}""";

        using var response = await _library.Client.PostCompletionAsync(body);

        await OpenAiError.AssertAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", "messages[0].content", "malformed_request");
    }

    [Theory]
    [InlineData(""","tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}]""", "tools")]
    [InlineData(",\"tool_choice\":\"required\"", "tool_choice")]
    [InlineData(""","response_format":{"type":"json_schema","json_schema":{"name":"a","schema":{"type":"object"}}}""", "response_format")]
    [InlineData(""","response_format":{"type":"json_object"}""", "response_format")]
    [InlineData(""","n":2""", "n")]
    [InlineData(""","logprobs":true""", "logprobs")]
    [InlineData(""","stream":true,"top_logprobs":2""", "top_logprobs")]
    public async Task The_extractive_model_refuses_what_it_cannot_honour_naming_the_parameter(string extra, string param)
    {
        var body = """{"model":"extractive","messages":[{"role":"user","content":"hi"}]""" + extra + "}";

        using var response = await _library.Client.PostCompletionAsync(JsonNode.Parse(body)!.AsObject());

        var error = await OpenAiError.AssertAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", param, "unsupported_parameter");
        Assert.Contains("extractive", OpenAiError.MessageOf(error), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[{"role":"user","content":[{"type":"text","text":"What is this?"},{"type":"image_url","image_url":{"url":"https://example.com/a.png"}}]}]""", "messages[0].content")]
    [InlineData("""[{"role":"user","content":"hi"},{"role":"assistant","content":null,"tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"{}"}}]},{"role":"tool","tool_call_id":"c","content":"42"}]""", "messages[1]")]
    public async Task The_extractive_model_refuses_images_and_tool_messages_naming_the_message(string messages, string param)
    {
        using var response = await _library.Client.PostCompletionAsync(JsonNode.Parse($$"""{"model":"extractive","messages":{{messages}}}""")!.AsObject());

        await OpenAiError.AssertAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", param, "unsupported_parameter");
    }

    [Theory]
    [InlineData(""","tools":[],"tool_choice":"none","n":1,"logprobs":false,"response_format":{"type":"text"},"seed":7,"top_p":0.9,"presence_penalty":0.1""")]
    public async Task The_extractive_model_answers_when_the_parameters_ask_nothing_it_cannot_do(string extra)
    {
        var body = """{"model":"extractive","messages":[{"role":"user","content":"hi"}]""" + extra + "}";

        using var response = await _library.Client.PostCompletionAsync(JsonNode.Parse(body)!.AsObject());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_unknown_model_is_404_model_not_found_in_OpenAIs_shape(bool stream)
    {
        using var response = await _library.Client.PostCompletionAsync(new JsonObject
        {
            ["model"] = "no-such-chat-model",
            ["stream"] = stream,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "hi" }),
        });

        var error = await OpenAiError.AssertAsync(response, HttpStatusCode.NotFound, "invalid_request_error", code: "model_not_found");
        Assert.Contains("no-such-chat-model", OpenAiError.MessageOf(error), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Another_users_collection_is_404_in_OpenAIs_shape(bool stream)
    {
        var (_, client) = await _factory.NewUserClientAsync();
        using var _ = client;

        using var response = await client.PostCompletionAsync(ChatCompletionsWireFormatTests.BeeRequest(stream, _library.CollectionId));

        await OpenAiError.AssertAsync(response, HttpStatusCode.NotFound, "invalid_request_error", code: "not_found");
    }

    [Fact]
    public async Task Without_credentials_everything_is_401()
    {
        using var anonymous = _factory.CreateClient();

        using var completion = await anonymous.PostCompletionAsync(ChatCompletionsWireFormatTests.BeeRequest(false, _library.CollectionId));
        using var models = await anonymous.GetAsync("/v1/models");
        using var list = await anonymous.GetAsync(Conversations);
        using var create = await anonymous.PostAsJsonAsync(Conversations, new { });

        await OpenAiError.AssertAsync(completion, HttpStatusCode.Unauthorized, "invalid_request_error", code: "invalid_api_key");
        await OpenAiError.AssertAsync(models, HttpStatusCode.Unauthorized, "invalid_request_error", code: "invalid_api_key");
        await Problem.AssertStatusAsync(list, HttpStatusCode.Unauthorized);
        await Problem.AssertStatusAsync(create, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("page=0")]
    [InlineData("pageSize=0")]
    [InlineData("pageSize=201")]
    public async Task A_bad_page_is_400(string query)
    {
        using var response = await _library.Client.GetAsync($"{Conversations}?{query}");

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "validation");
    }
}
