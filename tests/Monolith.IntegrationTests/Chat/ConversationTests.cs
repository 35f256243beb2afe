using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Monolith.IntegrationTests.Infrastructure;
using static Monolith.IntegrationTests.Chat.ChatApi;

namespace Monolith.IntegrationTests.Chat;

/// <summary>Conversations end to end with the default extractive model over real retrieval (Search, local embeddings).</summary>
[Collection(ChatHostCollection.Name)]
public sealed class ConversationTests(ChatHostFixture host)
{
    private readonly MonolithFactory _factory = host.Factory;
    private readonly ChatLibrary _library = host.Library;

    [Fact]
    public async Task A_question_answered_in_one_document_is_answered_from_it_streamed_alike_and_both_messages_are_kept()
    {
        var (_, client) = await _factory.NewUserClientAsync();
        using var _ = client;
        var (collectionId, documentIds) = await client.CreateIndexedCollectionAsync(ChatDocuments.All);
        var beesId = documentIds[ChatDocuments.All.ToList().IndexOf(ChatDocuments.Bees)];

        using var created = await client.PostAsJsonAsync(Conversations, new { title = "  Bees  ", collectionIds = new[] { collectionId } });
        var conversation = await created.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = conversation["id"]!.GetValue<Guid>();
        Assert.Equal($"/api/v1/conversations/{id}", created.Headers.Location?.ToString());
        Assert.Equal("Bees", conversation["title"]!.GetValue<string>());
        Assert.Equal(Extractive, conversation["model"]!.GetValue<string>());
        Assert.Equal(collectionId, Assert.Single(conversation["collectionIds"]!.AsArray())!.GetValue<Guid>());
        Assert.Empty(conversation["messages"]!.AsArray());

        var answer = await client.AskAsync(id, ChatDocuments.BeeQuestion);
        AssertAnsweredFromBees(answer, beesId);

        var events = await client.AskStreamingAsync(id, ChatDocuments.BeeQuestion);
        Assert.DoesNotContain(events, sse => sse.Name == "error");
        Assert.Equal("message", Assert.Single(events, sse => sse.Name == "message").Name);
        Assert.Equal("message", events[^1].Name);
        var deltas = events[..^1];
        Assert.All(deltas, sse => Assert.Equal("delta", sse.Name));
        Assert.True(deltas.Count > 3, $"Only {deltas.Count} deltas: the answer was not streamed.");
        var streamed = events[^1].Json;
        Assert.Equal(string.Concat(deltas.Select(sse => sse.Json["content"]!.GetValue<string>())), streamed["content"]!.GetValue<string>());
        Assert.Equal(answer["content"]!.GetValue<string>(), streamed["content"]!.GetValue<string>());
        AssertAnsweredFromBees(streamed, beesId);
        Assert.NotEqual(answer["id"]!.GetValue<Guid>(), streamed["id"]!.GetValue<Guid>());

        var messages = MessagesOf(await client.GetConversationAsync(id));
        Assert.Equal(["user", "assistant", "user", "assistant"], messages.Select(message => message["role"]!.GetValue<string>()));
        Assert.All(messages.Where((_, index) => index % 2 == 0), question =>
        {
            Assert.Equal(ChatDocuments.BeeQuestion, question["content"]!.GetValue<string>());
            Assert.Empty(question["citations"]!.AsArray());
            Assert.False(question["incomplete"]!.GetValue<bool>());
        });
        AssertSameMessage(answer, messages[1]);
        AssertSameMessage(streamed, messages[3]);
        var times = messages.Select(message => message["createdAt"]!.GetValue<DateTimeOffset>()).ToList();
        Assert.Equal(times.Order(), times);
    }

    [Fact]
    public async Task A_question_about_nothing_in_the_collection_is_answered_without_citations()
    {
        var id = await _library.Client.CreateConversationIdAsync(new { collectionIds = new[] { _library.CollectionId } });

        var answer = await _library.Client.AskAsync(id, ChatDocuments.OffTopicQuestion);
        var events = await _library.Client.AskStreamingAsync(id, ChatDocuments.OffTopicQuestion);

        foreach (var message in new[] { answer, events[^1].Json })
        {
            var content = message["content"]!.GetValue<string>();
            Assert.Empty(Citations(message));
            Assert.Empty(MarkersIn(content));
            Assert.Contains(NothingFound, content, StringComparison.Ordinal);
            Assert.False(message["incomplete"]!.GetValue<bool>());
        }
    }

    [Fact]
    public async Task A_conversation_without_collections_is_told_to_add_some()
    {
        var id = await _library.Client.CreateConversationIdAsync(new { systemPrompt = "Be brief." });

        var answer = await _library.Client.AskAsync(id, ChatDocuments.BeeQuestion);

        Assert.Contains(NoCollections, answer["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(Citations(answer));
        Assert.Equal(Extractive, answer["model"]!.GetValue<string>());
    }

    [Fact]
    public async Task Conversations_are_listed_newest_first_in_pages_renamed_and_deleted()
    {
        var (_, client) = await _factory.NewUserClientAsync();
        using var _ = client;
        var first = await client.CreateConversationAsync(new { });
        Assert.Equal("New conversation", first["title"]!.GetValue<string>());
        Assert.Equal(Extractive, first["model"]!.GetValue<string>());
        Assert.Empty(first["collectionIds"]!.AsArray());
        Assert.Null(first["systemPrompt"]);
        var second = await client.CreateConversationIdAsync(new { title = "second", systemPrompt = "Answer in French.", model = Extractive });
        var third = await client.CreateConversationIdAsync(new { title = "third" });

        var page1 = await GetJsonAsync(client, $"{Conversations}?page=1&pageSize=2");
        var page2 = await GetJsonAsync(client, $"{Conversations}?page=2&pageSize=2");

        Assert.Equal(3, page1["total"]!.GetValue<int>());
        Assert.Equal(1, page1["page"]!.GetValue<int>());
        Assert.Equal(2, page1["pageSize"]!.GetValue<int>());
        Assert.Equal([third, second], page1["items"]!.AsArray().Select(item => item!["id"]!.GetValue<Guid>()));
        Assert.Equal([first["id"]!.GetValue<Guid>()], page2["items"]!.AsArray().Select(item => item!["id"]!.GetValue<Guid>()));
        Assert.Equal("Answer in French.", page1["items"]![1]!["systemPrompt"]!.GetValue<string>());

        using (var renamed = await client.PatchAsJsonAsync(Conversation(second), new { title = " Renamed " }))
        {
            Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
            Assert.Equal("Renamed", (await renamed.ReadJsonAsync())["title"]!.GetValue<string>());
        }

        var again = await client.GetConversationAsync(second);
        Assert.Equal("Renamed", again["title"]!.GetValue<string>());
        Assert.True(again["updatedAt"]!.GetValue<DateTimeOffset>() > again["createdAt"]!.GetValue<DateTimeOffset>());

        using (var deleted = await client.DeleteAsync(Conversation(second)))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        using var gone = await client.GetAsync(Conversation(second));
        await Problem.AssertAsync(gone, HttpStatusCode.NotFound, "not-found");
        using var deletedAgain = await client.DeleteAsync(Conversation(second));
        await Problem.AssertAsync(deletedAgain, HttpStatusCode.NotFound, "not-found");
        Assert.Equal(2, (await GetJsonAsync(client, Conversations))["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Deleting_the_account_erases_the_users_conversations_their_messages_and_stored_responses()
    {
        var (user, client) = await _factory.NewUserClientAsync();
        using var _ = client;
        var conversations = new List<Guid>
        {
            await client.CreateConversationIdAsync(new { title = "one" }),
            await client.CreateConversationIdAsync(new { title = "two" }),
        };
        await client.AskAsync(conversations[0], "Anything?");
        using (var stored = await client.PostAsJsonAsync("/v1/responses", new { model = Extractive, input = "Anything?" }))
        {
            Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        }

        var responsesSql = $"SELECT count(*) FROM chat.responses WHERE owner_id = '{user.Id}'";
        Assert.Equal(1, await _factory.Database.ScalarAsync<long>(responsesSql));
        var othersConversation = await _library.Client.CreateConversationIdAsync(new { title = "someone else's" });
        var ownedSql = $"SELECT count(*) FROM chat.conversations WHERE owner_id = '{user.Id}'";
        var messagesSql = $"SELECT count(*) FROM chat.messages WHERE conversation_id IN ('{conversations[0]}', '{conversations[1]}')";
        Assert.Equal(2, await _factory.Database.ScalarAsync<long>(ownedSql));
        Assert.Equal(2, await _factory.Database.ScalarAsync<long>(messagesSql));

        using (var deleted = await client.DeleteAsync("/api/v1/users/me"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        Assert.True(
            await EventuallyAsync(async () => await _factory.Database.ScalarAsync<long>(ownedSql) + await _factory.Database.ScalarAsync<long>(responsesSql) == 0,
                TimeSpan.FromSeconds(15)),
            "The deleted user's conversations or responses are still there after 15 s.");
        Assert.Equal(0, await _factory.Database.ScalarAsync<long>(messagesSql));
        Assert.Equal(1, await _factory.Database.ScalarAsync<long>($"SELECT count(*) FROM chat.conversations WHERE id = '{othersConversation}'"));
    }

    private static void AssertAnsweredFromBees(JsonObject message, Guid beesId)
    {
        Assert.Equal("assistant", message["role"]!.GetValue<string>());
        Assert.Equal(Extractive, message["model"]!.GetValue<string>());
        Assert.False(message["incomplete"]!.GetValue<bool>());
        var content = message["content"]!.GetValue<string>();
        Assert.Contains(ChatDocuments.BeeQuote, content, StringComparison.Ordinal);
        foreach (var other in ChatDocuments.All.Where(document => document != ChatDocuments.Bees))
        {
            Assert.DoesNotContain(other.Text[..30], content, StringComparison.Ordinal);
        }

        var citations = Citations(message);
        Assert.NotEmpty(citations);
        Assert.Equal(MarkersIn(content).Distinct().Order(), citations.Select(citation => citation["number"]!.GetValue<int>()).Order());
        Assert.All(citations, citation =>
        {
            Assert.Equal(beesId, citation["documentId"]!.GetValue<Guid>());
            Assert.NotEqual(Guid.Empty, citation["chunkId"]!.GetValue<Guid>());
            Assert.Equal(ChatDocuments.Bees.Title, citation["title"]!.GetValue<string>());
            Assert.Contains(ChatDocuments.BeeQuote, citation["text"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.True(citation["score"]!.GetValue<double>() > 0);
        });

        var usage = message["usage"]!;
        var prompt = usage["promptTokens"]!.GetValue<int>();
        var completion = usage["completionTokens"]!.GetValue<int>();
        Assert.True(prompt > 0 && completion > 0, usage.ToJsonString());
        Assert.Equal(prompt + completion, usage["totalTokens"]!.GetValue<int>());
    }

    /// <summary>The message as answered and as stored (the database keeps timestamps to the microsecond).</summary>
    private static void AssertSameMessage(JsonObject answered, JsonObject stored)
    {
        foreach (var member in new[] { "id", "role", "content", "citations", "model", "usage", "incomplete" })
        {
            Assert.Equal(answered[member]?.ToJsonString(), stored[member]?.ToJsonString());
        }

        var difference = answered["createdAt"]!.GetValue<DateTimeOffset>() - stored["createdAt"]!.GetValue<DateTimeOffset>();
        Assert.True(difference.Duration() < TimeSpan.FromMilliseconds(1), $"createdAt differs by {difference}");
    }

    private static async Task<JsonObject> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {body.ToJsonString()}");
        return body;
    }
}
