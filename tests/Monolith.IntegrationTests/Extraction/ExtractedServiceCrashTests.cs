using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Monolith.IntegrationTests.Infrastructure;
using Monolith.IntegrationTests.Search;
using Xunit.Abstractions;

namespace Monolith.IntegrationTests.Extraction;

/// <summary>
/// Users + Chat serve the API; Embeddings + Search run in a second process that is killed (SIGKILL)
/// during ingestion. While it is down an account is deleted, so its UserDeleted has to wait in RabbitMQ.
/// Started again, the service indexes every accepted document exactly once and erases the deleted user's data.
/// </summary>
public sealed class ExtractedServiceCrashTests(ITestOutputHelper output)
{
    private const int DocumentCount = 60;

    [Fact]
    public async Task Killing_the_search_service_mid_ingestion_loses_and_doubles_nothing()
    {
        await using var shape = await PlatformShape.StartAsync(["Users", "Chat"], ["Embeddings", "Search"]);
        using var anonymous = shape.Gateway.CreateClient();

        var leaving = await anonymous.RegisterUserAsync();
        using var leavingClient = shape.Gateway.CreateClient();
        leavingClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await anonymous.TokenAsync(leaving));
        var leavingCollection = await leavingClient.CreateCollectionIdAsync("to be erased");
        var leavingDocument = await leavingClient.AddDocumentAsync(leavingCollection, new { text = "A note that must be erased with its owner." });
        await leavingClient.WaitForStatusAsync(leavingCollection, leavingDocument);

        var staying = await anonymous.RegisterUserAsync();
        using var client = shape.Gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await anonymous.TokenAsync(staying));
        var collectionId = await client.CreateCollectionIdAsync("crash");
        var ids = new List<Guid>();
        foreach (var batch in Enumerable.Range(0, DocumentCount).Select(Text).Chunk(20))
        {
            ids.AddRange(await client.AddDocumentsAsync(collectionId, batch.Select(text => (object)new { text })));
        }

        shape.Kill(1);
        var indexedAtCrash = await IndexedOnce.IndexedAsync(shape, collectionId);
        Assert.InRange(indexedAtCrash, 0, DocumentCount - 1);

        // The service is down: its routes answer 502 from the gateway, and the account deletion is
        // accepted by Users with its event parked in RabbitMQ.
        using (var unavailable = await client.GetAsync(SearchApi.Collections(collectionId)))
        {
            Assert.Equal(HttpStatusCode.BadGateway, unavailable.StatusCode);
        }

        using (var deleted = await leavingClient.DeleteAsync("/api/v1/users/me"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await shape.Database.CountAsync("SELECT count(*) FROM search.documents WHERE owner_id = (SELECT owner_id FROM search.collections WHERE id = @c)", ("c", leavingCollection)));

        await shape.StartProcessAsync(1);
        var erased = await SearchApi.EventuallyAsync(
            async () => await shape.Database.CountAsync("SELECT count(*) FROM search.collections WHERE id = @c", ("c", leavingCollection)) == 0,
            TimeSpan.FromSeconds(60));
        Assert.True(erased, $"The deleted user's collection survived the restart.\n{shape.RecentOutput()}");

        output.WriteLine($"{indexedAtCrash} of {DocumentCount} indexed when the service was killed.");
        await IndexedOnce.AssertAllAsync(shape, collectionId, ids);

        var hits = await client.SearchItemsAsync(collectionId, new { query = "item42", mode = "keyword" });
        Assert.Equal(ids[42], Assert.Single(hits)["documentId"]!.GetValue<Guid>());
    }

    private static string Text(int i) => i % 15 == 7
        ? SearchIngestionTests.LongText(words: 450, seed: i)
        : string.Create(CultureInfo.InvariantCulture, $"Extraction crash note {i}: item{i} sits on shelf {i % 11} in room {i % 3}.");
}
