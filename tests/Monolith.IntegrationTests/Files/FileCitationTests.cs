using System.Net;
using System.Text.Json.Nodes;
using Monolith.IntegrationTests.Chat;
using Monolith.IntegrationTests.Infrastructure;
using Monolith.IntegrationTests.Search;
using static Monolith.IntegrationTests.Chat.ChatApi;

namespace Monolith.IntegrationTests.Files;

/// <summary>An answer from an uploaded file cites the page and section it comes from, stored and on /v1/chat/completions.</summary>
[Collection(ChatHostCollection.Name)]
public sealed class FileCitationTests(ChatHostFixture host)
{
    private const string Question = "How were the hives weighed and who logged the measurements?";
    private const string Reference = "report.pdf, p. 2, \"2 Methods › 2.1 Data\"";

    [Fact]
    public async Task A_stored_answer_cites_the_page_and_section_of_the_file()
    {
        var (client, collectionId) = await ReportCollectionAsync();
        using var _ = client;
        var conversationId = await client.CreateConversationIdAsync(new { collectionIds = new[] { collectionId } });

        var answer = await client.AskAsync(conversationId, Question);

        var citation = Assert.Single(Citations(answer), c => c["reference"]!.GetValue<string>() == Reference);
        Assert.Equal("p. 2", citation["location"]!.GetValue<string>());
        Assert.Equal("2 Methods › 2.1 Data", citation["section"]!.GetValue<string>());
        var stored = MessagesOf(await client.GetConversationAsync(conversationId))[^1];
        Assert.Contains(Citations(stored), c => c["reference"]!.GetValue<string>() == Reference);
    }

    [Fact]
    public async Task A_completion_cites_the_page_and_section_of_the_file()
    {
        var (client, collectionId) = await ReportCollectionAsync();
        using var _ = client;
        var request = new JsonObject
        {
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = Question }),
            ["collection_ids"] = new JsonArray(collectionId.ToString()),
        };

        using var response = await client.PostCompletionAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var citations = (await response.ReadJsonAsync())["citations"]!.AsArray();
        Assert.Contains(citations, c => c!["reference"]!.GetValue<string>() == Reference && c["location"]!.GetValue<string>() == "p. 2");
    }

    private async Task<(HttpClient Client, Guid CollectionId)> ReportCollectionAsync()
    {
        var (_, client) = await host.Factory.NewUserClientAsync();
        var collectionId = await client.CreateCollectionIdAsync();
        await client.UploadIndexedAsync(collectionId, new FilePart("report.pdf", FileFormatTests.Report(), "application/pdf"));
        return (client, collectionId);
    }
}
