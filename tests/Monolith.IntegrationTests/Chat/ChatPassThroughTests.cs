using System.ClientModel;
using System.Net;
using System.Text.Json.Nodes;
using Monolith.IntegrationTests.Embeddings;
using OpenAI;
using OpenAI.Chat;
using static Monolith.IntegrationTests.Chat.ChatApi;
using static Monolith.IntegrationTests.Chat.ChatUpstreamFixture;

namespace Monolith.IntegrationTests.Chat;

/// <summary>
/// What Microsoft.Extensions.AI's mapping would lose is relayed to a configured upstream as sent and comes back
/// unchanged in meaning: tools and tool calls (streamed as deltas too), tool results, structured output, n, seed,
/// logprobs, penalties, image parts; with collection_ids still grounding the prompt.
/// </summary>
[Collection(ChatUpstreamCollection.Name)]
public sealed class ChatPassThroughTests(ChatUpstreamFixture fixture)
{
    private readonly FakeChatUpstream _upstream = fixture.Upstream;
    private readonly ChatLibrary _library = fixture.Library;
    private readonly string _id = Guid.NewGuid().ToString("N");

    private static JsonArray WeatherTool => new(new JsonObject
    {
        ["type"] = "function",
        ["function"] = new JsonObject
        {
            ["name"] = "get_weather",
            ["description"] = "The weather in a city",
            ["parameters"] = JsonNode.Parse("""{"type":"object","properties":{"city":{"type":"string"},"unit":{"type":"string"}},"required":["city"]}"""),
        },
    });

    [Fact]
    public async Task Tools_and_every_sampling_parameter_reach_the_upstream_unchanged_and_its_tool_call_comes_back()
    {
        var request = new JsonObject
        {
            ["model"] = Model,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = $"Weather in Paris? {_id}" }),
            ["tools"] = WeatherTool,
            ["tool_choice"] = "auto",
            ["parallel_tool_calls"] = false,
            ["n"] = 2,
            ["seed"] = 42,
            ["top_p"] = 0.5,
            ["presence_penalty"] = 0.25,
            ["frequency_penalty"] = -0.5,
            ["logprobs"] = true,
            ["top_logprobs"] = 3,
            ["temperature"] = 0.2,
            ["max_tokens"] = 50,
        };

        using var response = await _library.Client.PostCompletionAsync(request);

        var body = await OkJsonAsync(response);
        Assert.Equal(Model, body["model"]!.GetValue<string>());
        Assert.Equal("fp_fake", body["system_fingerprint"]!.GetValue<string>());
        var choice = body["choices"]![0]!;
        Assert.Equal("tool_calls", choice["finish_reason"]!.GetValue<string>());
        var toolCall = Assert.Single(choice["message"]!["tool_calls"]!.AsArray())!;
        Assert.Equal(FakeChatUpstream.ToolCallId, toolCall["id"]!.GetValue<string>());
        Assert.Equal("get_weather", toolCall["function"]!["name"]!.GetValue<string>());
        Assert.Equal(FakeChatUpstream.ToolArguments, toolCall["function"]!["arguments"]!.GetValue<string>());

        var call = Assert.Single(_upstream.CallsWith(_id));
        Assert.Equal(UpstreamModel, call.Model);
        foreach (var name in new[] { "tools", "tool_choice", "parallel_tool_calls", "n", "seed", "top_p", "presence_penalty", "frequency_penalty", "logprobs", "top_logprobs", "max_tokens" })
        {
            Assert.True(JsonNode.DeepEquals(request[name], call.Body[name]), $"{name}: sent {request[name]?.ToJsonString()}, upstream got {call.Body[name]?.ToJsonString()}");
        }

        Assert.Equal(0.2, call.Body["temperature"]!.GetValue<double>(), 3);
        Assert.False(call.Body.ContainsKey("collection_ids"));
    }

    [Fact]
    public async Task A_streamed_tool_call_comes_as_OpenAIs_tool_call_deltas_that_reassemble_to_the_call()
    {
        using var response = await _library.Client.PostCompletionAsync(new JsonObject
        {
            ["model"] = Model,
            ["stream"] = true,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = $"Weather in Paris? {_id}" }),
            ["tools"] = WeatherTool,
        });
        var events = await ReadEventStreamAsync(response);

        Assert.Equal("[DONE]", events[^1].Data);
        var chunks = events[..^1].Select(sse => sse.Json).ToList();
        Assert.True(chunks.Count > 3, $"Only {chunks.Count} chunks: the call was not streamed.");
        Assert.All(chunks, chunk => Assert.Equal(Model, chunk["model"]!.GetValue<string>()));
        var deltas = chunks.SelectMany(chunk => chunk["choices"]![0]!["delta"]?["tool_calls"]?.AsArray() ?? []).ToList();
        Assert.Equal(FakeChatUpstream.ToolCallId, deltas[0]!["id"]!.GetValue<string>());
        Assert.Equal("get_weather", deltas[0]!["function"]!["name"]!.GetValue<string>());
        Assert.All(deltas, delta => Assert.Equal(0, delta!["index"]!.GetValue<int>()));
        Assert.Equal(FakeChatUpstream.ToolArguments, string.Concat(deltas.Select(delta => delta!["function"]?["arguments"]?.GetValue<string>())));
        Assert.Equal("tool_calls", chunks[^1]["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.True(Assert.Single(_upstream.CallsWith(_id)).Stream);
    }

    [Fact]
    public async Task The_official_client_runs_a_tool_loop_whose_tool_call_and_tool_result_reach_the_upstream_as_sent()
    {
        var client = new OpenAIClient(new ApiKeyCredential(_library.ApiKey), new OpenAIClientOptions { Endpoint = new Uri(_library.Client.BaseAddress!, "/v1") })
            .GetChatClient(Model);
        var tool = ChatTool.CreateFunctionTool("get_weather", "The weather in a city",
            BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}"""));
        List<ChatMessage> messages = [new UserChatMessage($"Weather in Paris? {_id}")];
        var options = new ChatCompletionOptions { Tools = { tool } };

        ChatCompletion first = await client.CompleteChatAsync(messages, options);
        Assert.Equal(ChatFinishReason.ToolCalls, first.FinishReason);
        var toolCall = Assert.Single(first.ToolCalls);
        Assert.Equal("get_weather", toolCall.FunctionName);
        Assert.Equal(FakeChatUpstream.ToolArguments, toolCall.FunctionArguments.ToString());

        messages.Add(new AssistantChatMessage(first));
        messages.Add(new ToolChatMessage(toolCall.Id, """{"temperature":21}"""));
        ChatCompletion second = await client.CompleteChatAsync(messages, options);

        Assert.Equal(FakeChatUpstream.Answer, Assert.Single(second.Content).Text);
        var call = _upstream.CallsWith(_id)[^1];
        var sent = call.Body["messages"]!.AsArray();
        Assert.Equal(FakeChatUpstream.ToolCallId, sent[1]!["tool_calls"]![0]!["id"]!.GetValue<string>());
        Assert.Equal("tool", sent[2]!["role"]!.GetValue<string>());
        Assert.Equal(FakeChatUpstream.ToolCallId, sent[2]!["tool_call_id"]!.GetValue<string>());
        Assert.Equal("""{"temperature":21}""", call.Messages[2].Content);
    }

    [Fact]
    public async Task A_json_schema_response_format_and_image_parts_reach_the_upstream_and_the_structured_answer_comes_back_grounded_with_citations()
    {
        var schema = JsonNode.Parse("""{"name":"answer","strict":true,"schema":{"type":"object","properties":{"answer":{"type":"string"},"confidence":{"type":"number"}},"required":["answer","confidence"],"additionalProperties":false}}""");
        var image = new JsonObject { ["type"] = "image_url", ["image_url"] = new JsonObject { ["url"] = "data:image/png;base64,iVBORw0KGgo=" } };
        using var response = await _library.Client.PostCompletionAsync(new JsonObject
        {
            ["model"] = Model,
            ["messages"] = new JsonArray(new JsonObject
            {
                ["role"] = "user",
                ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = $"{ChatDocuments.BeeQuestion} {_id}" }, image.DeepClone()),
            }),
            ["response_format"] = new JsonObject { ["type"] = "json_schema", ["json_schema"] = schema!.DeepClone() },
            ["collection_ids"] = new JsonArray(_library.CollectionId.ToString()),
        });

        var body = await OkJsonAsync(response);
        Assert.Equal(FakeChatUpstream.StructuredAnswer, body["choices"]![0]!["message"]!["content"]!.GetValue<string>());
        Assert.NotNull(body["citations"]);
        var call = Assert.Single(_upstream.CallsWith(_id));
        Assert.True(JsonNode.DeepEquals(schema, call.Body["response_format"]!["json_schema"]));
        Assert.True(JsonNode.DeepEquals(image, call.Body["messages"]![1]!["content"]![1]));
        Assert.Equal("system", call.Messages[0].Role);
        Assert.Contains($"[1] {ChatDocuments.Bees.Title}", call.Messages[0].Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_configured_without_tool_support_refuses_tools_with_unsupported_parameter()
    {
        using var response = await _library.Client.PostCompletionAsync(new JsonObject
        {
            ["model"] = NoToolsModel,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = $"Weather? {_id}" }),
            ["tools"] = WeatherTool,
        });

        var error = await OpenAiError.AssertAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", "tools", "unsupported_parameter");
        Assert.Contains(NoToolsModel, OpenAiError.MessageOf(error), StringComparison.Ordinal);
        Assert.Empty(_upstream.CallsWith(_id));
    }

    private static async Task<JsonObject> OkJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(text)!.AsObject();
    }
}
