using System.ClientModel;
using Monolith.IntegrationTests.Infrastructure;
using OpenAI;
using OpenAI.Responses;
using static Monolith.IntegrationTests.Chat.ChatApi;

#pragma warning disable OPENAI001 // parts of the SDK's Responses client are marked for evaluation

namespace Monolith.IntegrationTests.Chat;

/// <summary>The official OpenAI .NET client's <see cref="ResponsesClient"/> against <c>/v1/responses</c>: create, stream, retrieve, continue, delete.</summary>
[Collection(ChatHostCollection.Name)]
public sealed class ResponsesOpenAiClientTests(ChatHostFixture host)
{
    private readonly MonolithFactory _factory = host.Factory;
    private readonly ChatLibrary _library = host.Library;

    [Fact]
    public async Task The_client_creates_a_response_whose_output_text_is_the_answer()
    {
        ResponseResult response = await Client().CreateResponseAsync(Extractive, ChatDocuments.BeeQuestion);

        Assert.StartsWith("resp_", response.Id, StringComparison.Ordinal);
        Assert.Equal(ResponseStatus.Completed, response.Status);
        Assert.Contains(NoCollections, response.GetOutputText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_client_streams_deltas_that_add_up_to_the_completed_response()
    {
        var deltas = "";
        ResponseResult? completed = null;
        await using var stream = await Client().CreateResponseStreamingAsync(Extractive, ChatDocuments.BeeQuestion);
        await foreach (var update in stream)
        {
            deltas += (update as StreamingResponseOutputTextDeltaUpdate)?.Delta;
            completed = (update as StreamingResponseCompletedUpdate)?.Response ?? completed;
        }

        Assert.NotNull(completed);
        Assert.Equal(completed.GetOutputText(), deltas);
        Assert.True(deltas.Length > 0);
    }

    [Fact]
    public async Task The_client_retrieves_continues_and_deletes_a_stored_response()
    {
        var client = Client();
        ResponseResult first = await client.CreateResponseAsync(Extractive, ChatDocuments.BeeQuestion);

        ResponseResult retrieved = await client.GetResponseAsync(first.Id);
        ResponseResult second = await client.CreateResponseAsync(Extractive, "And what else?", previousResponseId: first.Id);
        ResponseDeletionResult deleted = await client.DeleteResponseAsync(first.Id);

        Assert.Equal(first.GetOutputText(), retrieved.GetOutputText());
        Assert.Equal(first.Id, second.PreviousResponseId);
        Assert.True(deleted.Deleted);
        var gone = await Assert.ThrowsAsync<ClientResultException>(() => client.GetResponseAsync(first.Id));
        Assert.Equal(404, gone.Status);
    }

    private ResponsesClient Client()
    {
        using var probe = _factory.CreateClient();
        return new OpenAIClient(new ApiKeyCredential(_library.ApiKey), new OpenAIClientOptions { Endpoint = new Uri(probe.BaseAddress!, "/v1") }).GetResponsesClient();
    }
}
