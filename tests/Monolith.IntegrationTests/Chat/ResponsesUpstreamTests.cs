using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Monolith.IntegrationTests.Embeddings;
using static Monolith.IntegrationTests.Chat.ChatApi;
using static Monolith.IntegrationTests.Chat.ChatUpstreamFixture;

namespace Monolith.IntegrationTests.Chat;

/// <summary>
/// <c>/v1/responses</c> against a configured upstream (the fake, in OpenAI's wire format): <c>previous_response_id</c>
/// continues a stored conversation, function tools and <c>text.format</c> are relayed as the chat completions
/// the upstream speaks, and its tool calls come back as function_call items; streamed, the upstream's deltas become
/// the response's events as they arrive.
/// </summary>
[Collection(ChatUpstreamCollection.Name)]
public sealed class ResponsesUpstreamTests(ChatUpstreamFixture fixture)
{
    private readonly FakeChatUpstream _upstream = fixture.Upstream;
    private readonly ChatLibrary _library = fixture.Library;
    private readonly string _id = Guid.NewGuid().ToString("N");

    private static JsonArray WeatherTool => new(new JsonObject
    {
        ["type"] = "function",
        ["name"] = "get_weather",
        ["description"] = "The weather in a city",
        ["parameters"] = JsonNode.Parse("""{"type":"object","properties":{"city":{"type":"string"},"unit":{"type":"string"}},"required":["city"]}"""),
    });

    [Fact]
    public async Task Previous_response_id_continues_the_conversation_without_the_old_instructions()
    {
        var first = await CreateAsync(new JsonObject { ["model"] = Model, ["instructions"] = $"Old rules {_id}", ["input"] = $"First question {_id}" });

        var second = await CreateAsync(new JsonObject
        {
            ["model"] = Model,
            ["instructions"] = "New rules",
            ["input"] = $"Second question {_id}",
            ["previous_response_id"] = first["id"]!.GetValue<string>(),
        });

        Assert.Equal(first["id"]!.GetValue<string>(), second["previous_response_id"]!.GetValue<string>());
        var call = _upstream.CallsWith($"Second question {_id}").Single();
        var turns = call.Messages.Where(message => message.Role != "system").ToList();
        Assert.Equal([("user", $"First question {_id}"), ("assistant", FakeChatUpstream.Answer), ("user", $"Second question {_id}")],
            turns.Select(message => (message.Role, message.Content)));
        Assert.Contains("New rules", call.Messages[0].Content, StringComparison.Ordinal);
        Assert.DoesNotContain(call.Messages, message => message.Content.Contains("Old rules", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_function_tool_is_relayed_its_call_comes_back_as_a_function_call_item_and_its_output_continues()
    {
        var called = await CreateAsync(new JsonObject
        {
            ["model"] = Model,
            ["input"] = $"Weather in Paris? {_id}",
            ["tools"] = WeatherTool,
            ["tool_choice"] = "auto",
        });

        var relayed = _upstream.CallsWith(_id).Single().Body;
        Assert.Equal("get_weather", relayed["tools"]![0]!["function"]!["name"]!.GetValue<string>());
        Assert.Equal("object", relayed["tools"]![0]!["function"]!["parameters"]!["type"]!.GetValue<string>());
        Assert.Equal("auto", relayed["tool_choice"]!.GetValue<string>());
        var item = Assert.Single(called["output"]!.AsArray())!;
        Assert.Equal("function_call", item["type"]!.GetValue<string>());
        Assert.Equal(FakeChatUpstream.ToolCallId, item["call_id"]!.GetValue<string>());
        Assert.Equal("get_weather", item["name"]!.GetValue<string>());
        Assert.Equal(FakeChatUpstream.ToolArguments, item["arguments"]!.GetValue<string>());
        Assert.Equal("get_weather", called["tools"]![0]!["name"]!.GetValue<string>());

        var answered = await CreateAsync(new JsonObject
        {
            ["model"] = Model,
            ["previous_response_id"] = called["id"]!.GetValue<string>(),
            ["tools"] = WeatherTool,
            ["input"] = new JsonArray(new JsonObject { ["type"] = "function_call_output", ["call_id"] = FakeChatUpstream.ToolCallId, ["output"] = "22 C, sunny" }),
        });

        var messages = _upstream.CallsWith(_id)[^1].Body["messages"]!.AsArray();
        Assert.Equal(["user", "assistant", "tool"], messages.Where(m => m!["role"]!.GetValue<string>() != "system").Select(m => m!["role"]!.GetValue<string>()));
        Assert.Equal(FakeChatUpstream.ToolCallId, messages[^2]!["tool_calls"]![0]!["id"]!.GetValue<string>());
        Assert.Equal(FakeChatUpstream.ToolCallId, messages[^1]!["tool_call_id"]!.GetValue<string>());
        Assert.Equal("22 C, sunny", messages[^1]!["content"]!.GetValue<string>());
        Assert.Equal(FakeChatUpstream.Answer, answered["output"]![0]!["content"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_item_reference_to_a_stored_function_call_is_that_call_and_another_users_is_404()
    {
        var called = await CreateAsync(new JsonObject { ["model"] = Model, ["input"] = $"Weather in Rome? {_id}", ["tools"] = WeatherTool });
        var callId = called["output"]![0]!["id"]!.GetValue<string>();
        JsonObject Continuation() => new()
        {
            ["model"] = Model,
            ["tools"] = WeatherTool,
            ["input"] = new JsonArray(
                new JsonObject { ["role"] = "user", ["content"] = $"Weather in Rome? {_id}" },
                new JsonObject { ["type"] = "item_reference", ["id"] = callId },
                new JsonObject { ["type"] = "function_call_output", ["call_id"] = FakeChatUpstream.ToolCallId, ["output"] = "25 C" }),
        };

        var answered = await CreateAsync(Continuation());

        var messages = _upstream.CallsWith(_id)[^1].Body["messages"]!.AsArray();
        Assert.Equal(FakeChatUpstream.ToolArguments, messages[^2]!["tool_calls"]![0]!["function"]!["arguments"]!.GetValue<string>());
        Assert.Equal("tool", messages[^1]!["role"]!.GetValue<string>());
        Assert.Equal(FakeChatUpstream.Answer, answered["output"]![0]!["content"]![0]!["text"]!.GetValue<string>());
        var (_, _, intruder) = await fixture.Factory.NewApiKeyClientAsync();
        using var _ = intruder;
        using var stolen = await intruder.PostAsJsonAsync("/v1/responses", Continuation());
        await OpenAiError.AssertAsync(stolen, HttpStatusCode.NotFound, "invalid_request_error", "input[1].id", "not_found");
    }

    [Fact]
    public async Task A_streamed_tool_call_arrives_as_the_upstreams_argument_deltas_live_and_is_stored()
    {
        var events = await StreamAsync(new JsonObject { ["model"] = Model, ["stream"] = true, ["input"] = $"Weather? {_id}", ["tools"] = WeatherTool });

        var pieces = FakeChatUpstream.ToolArgumentPieces.Count;
        Assert.Equal(
            ["response.created", "response.in_progress", "response.output_item.added",
                .. Enumerable.Repeat("response.function_call_arguments.delta", pieces),
                "response.function_call_arguments.done", "response.output_item.done", "response.completed"],
            events.Select(sse => sse.Name));
        Assert.Equal(Enumerable.Range(0, events.Count), events.Select(sse => sse.Json["sequence_number"]!.GetValue<int>()));
        var added = events[2].Json["item"]!;
        Assert.Equal(("function_call", "in_progress", FakeChatUpstream.ToolCallId, "get_weather", ""),
            (added["type"]!.GetValue<string>(), added["status"]!.GetValue<string>(), added["call_id"]!.GetValue<string>(), added["name"]!.GetValue<string>(), added["arguments"]!.GetValue<string>()));
        Assert.Equal(FakeChatUpstream.ToolArgumentPieces, events.Skip(3).Take(pieces).Select(sse => sse.Json["delta"]!.GetValue<string>()));
        Assert.All(events.Skip(3).Take(pieces), sse => Assert.Equal(added["id"]!.GetValue<string>(), sse.Json["item_id"]!.GetValue<string>()));
        Assert.Equal(FakeChatUpstream.ToolArguments, events[3 + pieces].Json["arguments"]!.GetValue<string>());

        var completed = events[^1].Json["response"]!.AsObject();
        var call = Assert.Single(completed["output"]!.AsArray())!;
        Assert.Equal((added["id"]!.GetValue<string>(), FakeChatUpstream.ToolCallId, FakeChatUpstream.ToolArguments, "completed"),
            (call["id"]!.GetValue<string>(), call["call_id"]!.GetValue<string>(), call["arguments"]!.GetValue<string>(), call["status"]!.GetValue<string>()));
        Assert.Equal(FakeChatUpstream.PromptTokens, completed["usage"]!["input_tokens"]!.GetValue<long>());
        var relayed = _upstream.CallsWith(_id).Single().Body;
        Assert.True(relayed["stream"]!.GetValue<bool>() && relayed["stream_options"]!["include_usage"]!.GetValue<bool>(), relayed.ToJsonString());
        Assert.Equal(completed.ToJsonString(), (await GetAsync(completed["id"]!.GetValue<string>())).ToJsonString());
    }

    [Fact]
    public async Task A_streamed_relayed_answer_arrives_token_by_token_after_a_tool_result()
    {
        var called = await CreateAsync(new JsonObject { ["model"] = Model, ["input"] = $"Weather in Paris? {_id}", ["tools"] = WeatherTool });

        var events = await StreamAsync(new JsonObject
        {
            ["model"] = Model,
            ["stream"] = true,
            ["tools"] = WeatherTool,
            ["previous_response_id"] = called["id"]!.GetValue<string>(),
            ["input"] = new JsonArray(new JsonObject { ["type"] = "function_call_output", ["call_id"] = FakeChatUpstream.ToolCallId, ["output"] = "22 C" }),
        });

        var tokens = FakeChatUpstream.AnswerTokens.Count;
        Assert.Equal(
            ["response.created", "response.in_progress", "response.output_item.added", "response.content_part.added",
                .. Enumerable.Repeat("response.output_text.delta", tokens),
                "response.output_text.done", "response.content_part.done", "response.output_item.done", "response.completed"],
            events.Select(sse => sse.Name));
        Assert.Equal(FakeChatUpstream.AnswerTokens, events.Skip(4).Take(tokens).Select(sse => sse.Json["delta"]!.GetValue<string>()));
        Assert.Equal(FakeChatUpstream.Answer, events[4 + tokens].Json["text"]!.GetValue<string>());
        var completed = events[^1].Json["response"]!.AsObject();
        Assert.Equal(FakeChatUpstream.Answer, completed["output"]![0]!["content"]![0]!["text"]!.GetValue<string>());
        Assert.Equal(events[2].Json["item"]!["id"]!.GetValue<string>(), completed["output"]![0]!["id"]!.GetValue<string>());
        Assert.Equal(FakeChatUpstream.CompletionTokens, completed["usage"]!["output_tokens"]!.GetValue<long>());
        Assert.Equal(completed.ToJsonString(), (await GetAsync(completed["id"]!.GetValue<string>())).ToJsonString());
    }

    [Fact]
    public async Task A_relayed_stream_that_stalls_sends_its_deltas_then_an_error_event_and_is_not_stored()
    {
        var events = await StreamAsync(new JsonObject
        {
            ["model"] = ImpatientModel,
            ["stream"] = true,
            ["tools"] = WeatherTool,
            ["input"] = new JsonArray(
                new JsonObject { ["type"] = "function_call", ["call_id"] = "call_1", ["name"] = "get_weather", ["arguments"] = "{}" },
                new JsonObject { ["type"] = "function_call_output", ["call_id"] = "call_1", ["output"] = $"{FakeChatUpstream.StallMarker} {_id}" }),
        });

        // The deltas the upstream sent before it stalled reached the client before the timeout (not fetched whole).
        var deltas = events.Where(sse => sse.Name == "response.output_text.delta").Select(sse => sse.Json["delta"]!.GetValue<string>());
        Assert.Equal(FakeChatUpstream.StallTokens, deltas);
        Assert.Equal("error", events[^1].Name);
        Assert.Equal("upstream_timeout", events[^1].Json["code"]!.GetValue<string>());
        Assert.DoesNotContain(events, sse => sse.Name == "response.completed");
        using var stored = await _library.Client.GetAsync($"/v1/responses/{events[0].Json["response"]!["id"]!.GetValue<string>()}");
        Assert.Equal(HttpStatusCode.NotFound, stored.StatusCode);
    }

    [Fact]
    public async Task Text_format_json_schema_is_relayed_as_response_format_and_the_json_answer_comes_back()
    {
        var format = JsonNode.Parse("""{"type":"json_schema","name":"answer","strict":true,"schema":{"type":"object","properties":{"answer":{"type":"string"}}}}""")!;

        var body = await CreateAsync(new JsonObject { ["model"] = Model, ["input"] = $"Structured {_id}", ["text"] = new JsonObject { ["format"] = format } });

        var relayed = _upstream.CallsWith(_id).Single().Body["response_format"]!;
        Assert.Equal("json_schema", relayed["type"]!.GetValue<string>());
        Assert.Equal("answer", relayed["json_schema"]!["name"]!.GetValue<string>());
        Assert.True(relayed["json_schema"]!["strict"]!.GetValue<bool>());
        Assert.Equal("object", relayed["json_schema"]!["schema"]!["type"]!.GetValue<string>());
        Assert.Equal(FakeChatUpstream.StructuredAnswer, body["output"]![0]!["content"]![0]!["text"]!.GetValue<string>());
        Assert.Equal(format.ToJsonString(), body["text"]!["format"]!.ToJsonString());
    }

    [Fact]
    public async Task A_model_without_tool_support_refuses_tools_on_responses_by_name()
    {
        using var response = await _library.Client.PostAsJsonAsync("/v1/responses", new JsonObject { ["model"] = NoToolsModel, ["input"] = "hi", ["tools"] = WeatherTool });

        await OpenAiError.AssertAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", "tools", "unsupported_parameter");
    }

    private async Task<List<SseEvent>> StreamAsync(JsonObject body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/responses") { Content = JsonContent.Create(body) };
        using var response = await _library.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return await ReadEventStreamAsync(response);
    }

    private Task<JsonObject> GetAsync(string id) => _library.Client.GetResponseAsync(id);

    private Task<JsonObject> CreateAsync(JsonObject request) => _library.Client.CreateResponseAsync(request);
}
