using System.Text;
using System.Text.Json;
using Monolith.IntegrationTests.Chat;
using Monolith.IntegrationTests.Embeddings;
using Monolith.IntegrationTests.Infrastructure;
using OpenAI.Chat;
using OpenAI.Embeddings;
using OpenAI.Responses;
using static Monolith.IntegrationTests.Clients.DotNetClients;

#pragma warning disable OPENAI001 // parts of the SDK's Responses client are marked for evaluation
#pragma warning disable SCME0001 // JsonPatch is the SDK's (evaluation) way to send properties it does not model

namespace Monolith.IntegrationTests.Clients;

/// <summary>
/// The official OpenAI .NET client (2.15), the operations not covered by <see cref="ChatOpenAiClientTests"/> (chat,
/// streaming, models, errors), <see cref="ResponsesOpenAiClientTests"/> (responses), <see cref="OpenAiClientTests"/>
/// (base64 and batch embeddings) and <see cref="ChatPassThroughTests"/> (the chat tool loop): float embeddings, a
/// streamed tool call, structured output, the Responses API's function tool loop and collection_ids on it.
/// </summary>
[Collection(ChatUpstreamCollection.Name)]
public sealed class OpenAiDotNetClientTests(ChatUpstreamFixture fixture)
{
    private readonly ChatLibrary _library = fixture.Library;
    private readonly string _id = Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Embeddings_as_floats_through_the_patched_encoding_format()
    {
        using var recorder = new RecordingHandler();
        var options = new EmbeddingGenerationOptions();
        options.Patch.Set("$.encoding_format"u8, "float");

        OpenAIEmbeddingCollection embeddings = await OpenAi(_library, recorder: recorder).GetEmbeddingClient(EmbeddingsApi.LocalModel).GenerateEmbeddingsAsync(Texts, options);

        Assert.Equal("float", Assert.Single(recorder.Bodies)["encoding_format"]!.GetValue<string>());
        AssertLocalModelVectors(embeddings.Select(embedding => embedding.ToFloats()).ToList());
    }

    [Fact]
    public async Task A_streamed_tool_call_reassembles_from_its_deltas()
    {
        var client = OpenAi(_library).GetChatClient(ToolModel);
        var options = new ChatCompletionOptions { Tools = { ChatTool.CreateFunctionTool(WeatherToolName, WeatherToolDescription, BinaryData.FromString(WeatherParameters)) } };

        var arguments = new StringBuilder();
        string? name = null;
        ChatFinishReason? finish = null;
        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage($"Weather in Paris? {_id}")], options))
        {
            foreach (var toolCall in update.ToolCallUpdates)
            {
                name ??= toolCall.FunctionName;
                arguments.Append(toolCall.FunctionArgumentsUpdate?.ToString());
            }

            finish ??= update.FinishReason;
        }

        Assert.Equal(WeatherToolName, name);
        Assert.Equal(FakeChatUpstream.ToolArguments, arguments.ToString());
        Assert.Equal(ChatFinishReason.ToolCalls, finish);
    }

    [Fact]
    public async Task Structured_output_with_a_json_schema()
    {
        using var recorder = new RecordingHandler();
        var options = new ChatCompletionOptions
        {
            ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat("bee_answer", BinaryData.FromString(
                """{"type":"object","properties":{"answer":{"type":"string"},"confidence":{"type":"number"}},"required":["answer","confidence"],"additionalProperties":false}"""),
                jsonSchemaIsStrict: true),
        };

        ChatCompletion completion = await OpenAi(_library, recorder: recorder).GetChatClient(ToolModel).CompleteChatAsync([new UserChatMessage($"{ChatDocuments.BeeQuestion} {_id}")], options);

        AssertStructured(JsonSerializer.Deserialize<BeeAnswer>(Assert.Single(completion.Content).Text, JsonSerializerOptions.Web), recorder.Bodies[^1]);
    }

    [Fact]
    public async Task Responses_function_tool_loop_over_previous_response_id()
    {
        var client = OpenAi(_library).GetResponsesClient();
        var tool = ResponseTool.CreateFunctionTool(WeatherToolName, BinaryData.FromString(WeatherParameters), strictModeEnabled: false, functionDescription: WeatherToolDescription);

        ResponseResult called = await client.CreateResponseAsync(new CreateResponseOptions(ToolModel, [ResponseItem.CreateUserMessageItem($"Weather in Paris? {_id}")])
        {
            Tools = { tool },
        });
        var call = Assert.Single(called.OutputItems.OfType<FunctionCallResponseItem>());
        Assert.Equal(WeatherToolName, call.FunctionName);
        Assert.Equal(FakeChatUpstream.ToolArguments, call.FunctionArguments.ToString());

        ResponseResult answered = await client.CreateResponseAsync(new CreateResponseOptions(ToolModel, [ResponseItem.CreateFunctionCallOutputItem(call.CallId, Weather("Paris", "celsius"))])
        {
            PreviousResponseId = called.Id,
            Tools = { tool },
        });

        Assert.Equal(FakeChatUpstream.Answer, answered.GetOutputText());
        AssertToolResultReachedTheUpstream(fixture.Upstream, _id);
    }

    [Fact]
    public async Task Responses_with_collection_ids_patched_in_and_citations_read_from_the_patch()
    {
        var options = new CreateResponseOptions(ChatApi.Extractive, [ResponseItem.CreateUserMessageItem(ChatDocuments.BeeQuestion)]);
        options.Patch.Set("$.collection_ids"u8, BinaryData.FromObjectAsJson(new[] { _library.CollectionId }));

        ResponseResult response = await OpenAi(_library).GetResponsesClient().CreateResponseAsync(options);

        Assert.True(response.Patch.TryGetJson("$.citations"u8, out var citations), "The response has no citations.");
        AssertQuotesAndCitesTheBees(_library, response.GetOutputText(), System.Text.Json.Nodes.JsonNode.Parse(citations.Span)!.AsArray().Select(item => item!.AsObject()).ToList());
    }
}
