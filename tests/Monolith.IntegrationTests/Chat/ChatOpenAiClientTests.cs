using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Monolith.IntegrationTests.Embeddings;
using Monolith.IntegrationTests.Infrastructure;
using OpenAI;
using OpenAI.Chat;
using static Monolith.IntegrationTests.Chat.ChatApi;
using static Monolith.IntegrationTests.Clients.DotNetClients;

namespace Monolith.IntegrationTests.Chat;

/// <summary>The official OpenAI .NET client against <c>/v1/chat/completions</c> and <c>/v1/models</c>, with an API key made through the API.</summary>
[Collection(ChatHostCollection.Name)]
public sealed class ChatOpenAiClientTests(ChatHostFixture host)
{
    private readonly MonolithFactory _factory = host.Factory;
    private readonly ChatLibrary _library = host.Library;

    [Fact]
    public async Task The_client_completes_a_chat_with_the_extractive_model_which_explains_it_needs_collections()
    {
        var client = OpenAiClient(_library.ApiKey).GetChatClient(Extractive);

        ChatCompletion completion = await client.CompleteChatAsync([new SystemChatMessage("Answer briefly."), new UserChatMessage(ChatDocuments.BeeQuestion)]);

        Assert.StartsWith("chatcmpl-", completion.Id, StringComparison.Ordinal);
        Assert.Equal(Extractive, completion.Model);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.Equal(ChatMessageRole.Assistant, completion.Role);
        var text = Assert.Single(completion.Content).Text;
        Assert.Contains(NoCollections, text, StringComparison.Ordinal);
        Assert.Empty(MarkersIn(text));
        AssertUsage(completion.Usage);
    }

    [Fact]
    public async Task The_client_sends_collection_ids_as_an_extra_property_and_gets_an_answer_quoting_and_citing_the_document()
    {
        using var recorder = new RecordingHandler();
        var client = OpenAiClient(_library.ApiKey, recorder).GetChatClient(Extractive);

        ChatCompletion completion = await client.CompleteChatAsync([new UserChatMessage(ChatDocuments.BeeQuestion)], WithCollections(_library.CollectionId));

        Assert.Equal(new JsonArray(_library.CollectionId.ToString()).ToJsonString(), Assert.Single(recorder.Bodies)["collection_ids"]!.ToJsonString());
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        var text = Assert.Single(completion.Content).Text;
        Assert.Contains(ChatDocuments.BeeQuote, text, StringComparison.Ordinal);
        Assert.NotEmpty(MarkersIn(text));
        AssertUsage(completion.Usage);

        // Our "citations" extension comes through as an additional property of the completion.
#pragma warning disable SCME0001 // JsonPatch is the SDK's (evaluation) way to reach properties it does not model
        Assert.True(completion.Patch.TryGetJson("$.citations"u8, out var citationsJson), "The completion has no citations.");
#pragma warning restore SCME0001
        var citations = JsonNode.Parse(citationsJson.Span)!.AsArray().Select(item => item!.AsObject()).ToList();
        Assert.NotEmpty(citations);
        Assert.All(citations, citation => Assert.Equal(_library.DocumentId(ChatDocuments.Bees), citation["documentId"]!.GetValue<Guid>()));
        Assert.Equal(MarkersIn(text).Distinct().Order(), citations.Select(citation => citation["number"]!.GetValue<int>()).Order());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_client_streams_the_same_answer_ending_with_finish_reason_stop_and_usage(bool withCollections)
    {
        using var recorder = new RecordingHandler();
        var client = OpenAiClient(_library.ApiKey, recorder).GetChatClient(Extractive);
        ChatMessage[] messages = [new UserChatMessage(ChatDocuments.BeeQuestion)];
        ChatCompletion whole = await client.CompleteChatAsync(messages, withCollections ? WithCollections(_library.CollectionId) : new ChatCompletionOptions());

        var text = new StringBuilder();
        ChatFinishReason? finish = null;
        ChatTokenUsage? usage = null;
        var updates = 0;
        await foreach (var update in client.CompleteChatStreamingAsync(messages, withCollections ? WithCollections(_library.CollectionId) : new ChatCompletionOptions()))
        {
            updates++;
            Assert.Equal(Extractive, update.Model);
            Assert.StartsWith("chatcmpl-", update.CompletionId, StringComparison.Ordinal);
            if (finish is not null)
            {
                // Only the usage chunk (no choices) follows the one with the finish reason.
                Assert.Empty(update.ContentUpdate);
                Assert.Null(update.FinishReason);
            }

            finish ??= update.FinishReason;
            usage = update.Usage ?? usage;
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }
        }

        // The SDK always asks for usage when streaming.
        var streamed = recorder.Bodies[^1];
        Assert.True(streamed["stream"]!.GetValue<bool>());
        Assert.True(streamed["stream_options"]!["include_usage"]!.GetValue<bool>());
        Assert.True(updates > 3, $"Only {updates} updates: the answer was not streamed.");
        Assert.Equal(ChatFinishReason.Stop, finish);
        Assert.Equal(Assert.Single(whole.Content).Text, text.ToString());
        Assert.Contains(withCollections ? ChatDocuments.BeeQuote : NoCollections, text.ToString(), StringComparison.Ordinal);
        Assert.NotNull(usage);
        AssertUsage(usage);
        Assert.Equal(whole.Usage.TotalTokenCount, usage.TotalTokenCount);
    }

    [Fact]
    public async Task The_model_client_lists_the_chat_and_embedding_models()
    {
        var models = await OpenAiClient(_library.ApiKey).GetOpenAIModelClient().GetModelsAsync();

        var ids = models.Value.Select(model => model.Id).ToList();
        Assert.Contains(Extractive, ids);
        Assert.Contains(EmbeddingsApi.LocalModel, ids);
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(models.Value, model => Assert.False(string.IsNullOrEmpty(model.OwnedBy)));
    }

    [Fact]
    public async Task The_model_client_retrieves_a_model_by_id()
    {
        var model = await OpenAiClient(_library.ApiKey).GetOpenAIModelClient().GetModelAsync(Extractive);

        Assert.Equal(Extractive, model.Value.Id);
        Assert.Contains("extractive", model.Value.OwnedBy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_client_raises_our_errors_with_their_status()
    {
        var unknown = await Assert.ThrowsAsync<ClientResultException>(() =>
            OpenAiClient(_library.ApiKey).GetChatClient("no-such-chat-model").CompleteChatAsync([new UserChatMessage("hello")]));
        Assert.Equal((int)HttpStatusCode.NotFound, unknown.Status);
        Assert.Contains("no-such-chat-model", unknown.Message, StringComparison.Ordinal);

        var temperature = await Assert.ThrowsAsync<ClientResultException>(() =>
            OpenAiClient(_library.ApiKey).GetChatClient(Extractive).CompleteChatAsync([new UserChatMessage("hello")], new ChatCompletionOptions { Temperature = 3 }));
        Assert.Equal((int)HttpStatusCode.BadRequest, temperature.Status);

        var badKey = await Assert.ThrowsAsync<ClientResultException>(() =>
            OpenAiClient("sk-not-a-real-key").GetChatClient(Extractive).CompleteChatAsync([new UserChatMessage("hello")]));
        Assert.Equal((int)HttpStatusCode.Unauthorized, badKey.Status);
    }

    private static void AssertUsage(ChatTokenUsage usage)
    {
        Assert.True(usage.InputTokenCount > 0, $"input tokens: {usage.InputTokenCount}");
        Assert.True(usage.OutputTokenCount > 0, $"output tokens: {usage.OutputTokenCount}");
        Assert.Equal(usage.InputTokenCount + usage.OutputTokenCount, usage.TotalTokenCount);
    }

    private OpenAIClient OpenAiClient(string apiKey, RecordingHandler? recorder = null)
    {
        using var probe = _factory.CreateClient();
        var options = new OpenAIClientOptions { Endpoint = new Uri(probe.BaseAddress!, "/v1") };
        if (recorder is not null)
        {
            options.Transport = new HttpClientPipelineTransport(recorder.Client);
        }

        return new OpenAIClient(new ApiKeyCredential(apiKey), options);
    }
}
