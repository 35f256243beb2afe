using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using Monolith.IntegrationTests.Chat;
using Monolith.IntegrationTests.Embeddings;
using Monolith.IntegrationTests.Infrastructure;
using OpenAI.Chat;
using static Monolith.IntegrationTests.Clients.DotNetClients;

#pragma warning disable SKEXP0010 // the OpenAI connector's custom endpoint is marked experimental
#pragma warning disable OPENAI001 // the SDK's Responses client is marked for evaluation

namespace Monolith.IntegrationTests.Clients;

/// <summary>
/// Semantic Kernel (Microsoft.SemanticKernel.Connectors.OpenAI 1.82, on OpenAI 2.15 and Microsoft.Extensions.AI 10.11)
/// as a client of the platform: its OpenAI chat completion service with a custom endpoint, auto function calling with
/// a <see cref="KernelFunction"/>, structured output, its embedding generator, and the Responses API through
/// Microsoft.Extensions.AI's IChatClient as a chat completion service.
/// </summary>
[Collection(ChatUpstreamCollection.Name)]
public sealed class SemanticKernelClientTests(ChatUpstreamFixture fixture)
{
    private readonly ChatLibrary _library = fixture.Library;
    private readonly string _id = Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Embeddings_batch_through_the_embedding_generator()
    {
        var kernel = Kernel.CreateBuilder().AddOpenAIEmbeddingGenerator(EmbeddingsApi.LocalModel, OpenAi(_library)).Build();
        var generator = kernel.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        var embeddings = await generator.GenerateAsync(Texts);

        AssertLocalModelVectors(embeddings.Select(embedding => embedding.Vector).ToList());
    }

    [Fact]
    public async Task Chat()
    {
        var result = await ChatService(ChatApi.Extractive).GetChatMessageContentAsync(new ChatHistory(ChatDocuments.BeeQuestion, AuthorRole.User));

        Assert.Contains(ChatApi.NoCollections, result.Content, StringComparison.Ordinal);
        var usage = Assert.IsType<ChatTokenUsage>(result.Metadata?["Usage"]);
        Assert.True(usage.TotalTokenCount > 0, "No usage.");
    }

    [Fact]
    public async Task Streaming_with_usage()
    {
        var text = new StringBuilder();
        var updates = 0;
        ChatTokenUsage? usage = null;
        await foreach (var update in ChatService(ChatApi.Extractive).GetStreamingChatMessageContentsAsync(new ChatHistory(ChatDocuments.BeeQuestion, AuthorRole.User)))
        {
            updates++;
            text.Append(update.Content);
            usage = update.Metadata?.GetValueOrDefault("Usage") as ChatTokenUsage ?? usage;
        }

        Assert.True(updates > 3, $"Only {updates} updates: the answer was not streamed.");
        Assert.Contains(ChatApi.NoCollections, text.ToString(), StringComparison.Ordinal);
        Assert.NotNull(usage);
        Assert.True(usage.InputTokenCount > 0 && usage.OutputTokenCount > 0, $"usage: {usage.InputTokenCount} in, {usage.OutputTokenCount} out");
    }

    [Fact]
    public async Task Error_bad_key_is_a_401_HttpOperationException()
    {
        var service = Kernel.CreateBuilder().AddOpenAIChatCompletion(ChatApi.Extractive, Endpoint(_library), BadKey).Build().GetRequiredService<IChatCompletionService>();

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => service.GetChatMessageContentAsync("hello"));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task Error_unknown_model_is_a_404_HttpOperationException_naming_it()
    {
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => ChatService(UnknownModel).GetChatMessageContentAsync("hello"));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Contains(UnknownModel, error.ResponseContent ?? error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tool_calling_through_auto_function_calling_with_a_KernelFunction()
    {
        var weather = new WeatherFunction();
        var kernel = ToolKernel(weather);

        var result = await kernel.GetRequiredService<IChatCompletionService>().GetChatMessageContentAsync(
            new ChatHistory($"Weather in Paris? {_id}", AuthorRole.User), AutoFunctionCalling, kernel);

        Assert.Equal(FakeChatUpstream.Answer, result.Content);
        AssertToolLoop(weather, fixture.Upstream, _id);
    }

    [Fact]
    public async Task Tool_calling_streamed_through_auto_function_calling()
    {
        var weather = new WeatherFunction();
        var kernel = ToolKernel(weather);

        var text = new StringBuilder();
        await foreach (var update in kernel.GetRequiredService<IChatCompletionService>().GetStreamingChatMessageContentsAsync(
            new ChatHistory($"Weather in Paris? {_id}", AuthorRole.User), AutoFunctionCalling, kernel))
        {
            text.Append(update.Content);
        }

        Assert.Equal(FakeChatUpstream.Answer, text.ToString());
        AssertToolLoop(weather, fixture.Upstream, _id);
    }

    [Fact]
    public async Task Structured_output_with_a_ResponseFormat_type()
    {
        using var recorder = new RecordingHandler();
        var settings = new OpenAIPromptExecutionSettings { ResponseFormat = typeof(BeeAnswer) };

        var result = await ChatService(ToolModel, recorder).GetChatMessageContentAsync(new ChatHistory($"{ChatDocuments.BeeQuestion} {_id}", AuthorRole.User), settings);

        AssertStructured(JsonSerializer.Deserialize<BeeAnswer>(result.Content!, JsonSerializerOptions.Web), recorder.Bodies[^1]);
    }

    [Fact]
    public async Task Responses_through_the_Responses_IChatClient_as_a_chat_completion_service()
    {
        using var recorder = new RecordingHandler();
        var service = OpenAi(_library, recorder: recorder).GetResponsesClient().AsIChatClient(ChatApi.Extractive).AsChatCompletionService();

        var result = await service.GetChatMessageContentAsync(new ChatHistory(ChatDocuments.BeeQuestion, AuthorRole.User));

        Assert.Contains(ChatApi.NoCollections, result.Content, StringComparison.Ordinal);
        Assert.True(Assert.Single(recorder.Bodies).ContainsKey("input"), "The request was not a Responses API request.");
    }

    [Fact]
    public async Task Collection_ids_in_ExtensionData_are_not_sent_by_the_OpenAI_connector()
    {
        using var recorder = new RecordingHandler();

        var result = await ChatService(ChatApi.Extractive, recorder).GetChatMessageContentAsync(new ChatHistory(ChatDocuments.BeeQuestion, AuthorRole.User), WithCollectionIds());

        // The documented limitation (docs/openai-clients.md): if the connector starts sending them, the docs must change.
        Assert.False(Assert.Single(recorder.Bodies).ContainsKey("collection_ids"));
        Assert.Contains(ChatApi.NoCollections, result.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collection_ids_in_ExtensionData_through_an_IChatClient_that_patches_them_in_and_citations_from_the_InnerContent()
    {
        var service = OpenAi(_library).GetChatClient(ChatApi.Extractive).AsIChatClient()
            .AsBuilder().ConfigureOptions(PatchCollectionIdsIn).Build()
            .AsChatCompletionService();

        var result = await service.GetChatMessageContentAsync(new ChatHistory(ChatDocuments.BeeQuestion, AuthorRole.User), WithCollectionIds());

        AssertQuotesAndCitesTheBees(_library, result.Content!, CitationsOf(Assert.IsType<ChatCompletion>(result.InnerContent)));
    }

    private static OpenAIPromptExecutionSettings AutoFunctionCalling => new() { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() };

    private Kernel ToolKernel(WeatherFunction weather)
    {
        var kernel = Kernel.CreateBuilder().AddOpenAIChatCompletion(ToolModel, Endpoint(_library), _library.ApiKey).Build();
        kernel.Plugins.AddFromFunctions("weather", [KernelFunctionFactory.CreateFromMethod(weather.Get, WeatherToolName, WeatherToolDescription)]);
        return kernel;
    }

    private OpenAIPromptExecutionSettings WithCollectionIds() =>
        new() { ExtensionData = new Dictionary<string, object> { ["collection_ids"] = new[] { _library.CollectionId } } };

    private IChatCompletionService ChatService(string model, RecordingHandler? recorder = null) =>
        Kernel.CreateBuilder().AddOpenAIChatCompletion(model, Endpoint(_library), _library.ApiKey, httpClient: recorder?.Client).Build().GetRequiredService<IChatCompletionService>();
}
