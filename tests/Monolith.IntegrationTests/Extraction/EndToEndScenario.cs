using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Monolith.IntegrationTests.Chat;
using Monolith.IntegrationTests.Infrastructure;
using Monolith.IntegrationTests.Search;

namespace Monolith.IntegrationTests.Extraction;

/// <summary>What a user sees of the scenario; equal across shapes when the split is invisible.</summary>
public sealed record ScenarioOutcome(
    IReadOnlyList<string> SearchTitles,
    string Answer,
    IReadOnlyList<string> CitedTitles,
    IReadOnlyList<string> Models,
    int EmbeddingDimensions,
    IReadOnlyList<long> RowsLeftAfterDeletion);

/// <summary>
/// The README's walk-through through the public API of a shape: register → API key → collection → batch
/// upload → indexed → search → chat answer with citations → delete the account, whose data every
/// process must then erase.
/// </summary>
public static class EndToEndScenario
{
    private static readonly TimeSpan ErasureTimeout = TimeSpan.FromSeconds(60);

    // Several cold processes on two shared cores: the first embeddings load the model in another process.
    private static readonly TimeSpan IndexTimeout = TimeSpan.FromSeconds(120);

    public static async Task<ScenarioOutcome> RunAsync(PlatformShape shape)
    {
        try
        {
            return await RunStepsAsync(shape);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            throw new InvalidOperationException($"The scenario failed in shape {shape.Describe()}: {failure.Message}\n{shape.RecentOutput()}", failure);
        }
    }

    private static async Task<ScenarioOutcome> RunStepsAsync(PlatformShape shape)
    {
        using var anonymous = shape.Gateway.CreateClient();
        var user = await anonymous.RegisterUserAsync();
        using var session = shape.Gateway.CreateClient();
        session.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await anonymous.TokenAsync(user));

        string apiKey;
        using (var created = await session.PostAsJsonAsync("/api/v1/users/me/api-keys", new { name = "scenario" }))
        {
            var body = await created.ReadJsonAsync();
            Assert.True(created.StatusCode == HttpStatusCode.Created, $"API key: {(int)created.StatusCode} {body.ToJsonString()}");
            apiKey = body["key"]!.GetValue<string>();
        }

        using var client = shape.Gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);

        var collectionId = await client.CreateCollectionIdAsync("scenario");
        var documentIds = await client.AddDocumentsAsync(collectionId, ChatDocuments.All.Select(document => (object)new { title = document.Title, text = document.Text }));
        foreach (var documentId in documentIds)
        {
            await client.WaitForStatusAsync(collectionId, documentId, timeout: IndexTimeout);
        }

        var hits = await client.SearchItemsAsync(collectionId, new { query = "waggle dance of honey bees", topK = 4 });
        var searchTitles = hits.Select(hit => hit["title"]!.GetValue<string>()).ToList();

        var conversationId = await client.CreateConversationIdAsync(new { collectionIds = new[] { collectionId } });
        var answer = await client.AskAsync(conversationId, ChatDocuments.BeeQuestion);
        var cited = ChatApi.Citations(answer).Select(citation => citation["title"]!.GetValue<string>()).ToList();

        List<string> models;
        using (var listed = await client.GetAsync("/v1/models"))
        {
            var body = await listed.ReadJsonAsync();
            Assert.True(listed.StatusCode == HttpStatusCode.OK, $"/v1/models: {(int)listed.StatusCode} {body.ToJsonString()}");
            models = body["data"]!.AsArray().Select(model => model!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();
        }

        int dimensions;
        using (var embedded = await client.PostAsJsonAsync("/v1/embeddings", new { input = "hello", model = SearchApi.LocalModel }))
        {
            var body = await embedded.ReadJsonAsync();
            Assert.True(embedded.StatusCode == HttpStatusCode.OK, $"/v1/embeddings: {(int)embedded.StatusCode} {body.ToJsonString()}");
            dimensions = body["data"]![0]!["embedding"]!.AsArray().Count;
        }

        var userId = Guid.Parse((await (await session.GetAsync("/api/v1/users/me")).ReadJsonAsync())["id"]!.GetValue<string>());
        Assert.True(await OwnedRowsAsync(shape.Database, userId) is var before && before.All(count => count > 0),
            "The scenario should have left data in every module before the deletion.");

        using (var deleted = await session.DeleteAsync("/api/v1/users/me"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        List<long> left = [];
        var erased = await SearchApi.EventuallyAsync(async () => (left = await OwnedRowsAsync(shape.Database, userId)).All(count => count == 0), ErasureTimeout);
        Assert.True(erased, $"Rows left (users, collections, documents, chunks, conversations, embedding usage): {string.Join(", ", left)}\n{shape.RecentOutput()}");

        using (var revoked = await client.GetAsync($"/api/v1/collections/{collectionId}"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        }

        return new ScenarioOutcome(searchTitles, answer["content"]!.GetValue<string>(), cited, models, dimensions, left);
    }

    /// <summary>The user's rows in every module's schema: users, collections, documents, chunks, conversations, embedding usage.</summary>
    internal static async Task<List<long>> OwnedRowsAsync(TestDatabase database, Guid userId) =>
    [
        await database.CountAsync("SELECT count(*) FROM users.users WHERE id = @u", ("u", userId)),
        await database.CountAsync("SELECT count(*) FROM search.collections WHERE owner_id = @u", ("u", userId)),
        await database.CountAsync("SELECT count(*) FROM search.documents WHERE owner_id = @u", ("u", userId)),
        await database.CountAsync("SELECT count(*) FROM search.chunks WHERE owner_id = @u", ("u", userId)),
        await database.CountAsync("SELECT count(*) FROM chat.conversations WHERE owner_id = @u", ("u", userId)),
        await database.CountAsync("SELECT count(*) FROM embeddings.usage WHERE user_id = @u", ("u", userId)),
    ];
}
