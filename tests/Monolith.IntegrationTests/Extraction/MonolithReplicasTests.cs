using System.Net;
using System.Net.Http.Headers;
using Monolith.IntegrationTests.Infrastructure;
using Monolith.IntegrationTests.Search;
using Xunit.Abstractions;

namespace Monolith.IntegrationTests.Extraction;

/// <summary>
/// Two copies of the whole monolith over one database, one message store (balanced) and RabbitMQ, a client
/// talking to both as a load balancer would send it. One copy is killed (SIGKILL) mid-ingestion; an account is
/// deleted on the survivor meanwhile; the copy is started again.
/// </summary>
public sealed class MonolithReplicasTests(ITestOutputHelper output)
{
    private const int BatchSize = 20;
    private static readonly string[] Monolith = ["Users", "Embeddings", "Search", "Chat"];

    [Fact]
    public async Task Two_copies_of_the_monolith_lose_and_double_nothing_when_one_dies()
    {
        await using var shape = await PlatformShape.StartAsync(Monolith, Monolith);
        using var anonymous = shape.Process(1).CreateClient();

        var leaving = await anonymous.RegisterUserAsync();
        var leavingToken = await anonymous.TokenAsync(leaving);
        using var leavingOnFirst = Authorized(shape.Process(0), leavingToken);
        using var leavingOnSecond = Authorized(shape.Process(1), leavingToken);
        var leavingCollection = await leavingOnSecond.CreateCollectionIdAsync("to be erased");
        var leavingDocument = await leavingOnFirst.AddDocumentAsync(leavingCollection, new { text = "A note that must be erased with its owner." });
        await leavingOnSecond.WaitForStatusAsync(leavingCollection, leavingDocument);
        var leavingId = Guid.Parse((await (await leavingOnFirst.GetAsync("/api/v1/users/me")).ReadJsonAsync())["id"]!.GetValue<string>());

        var staying = await anonymous.RegisterUserAsync();
        var token = await anonymous.TokenAsync(staying);
        using var first = Authorized(shape.Process(0), token);
        using var second = Authorized(shape.Process(1), token);
        var collectionId = await first.CreateCollectionIdAsync("replicated monolith");
        var ids = new List<Guid>();
        for (var batch = 0; batch < 3; batch++)
        {
            var copy = batch % 2 == 0 ? second : first;
            ids.AddRange(await copy.AddDocumentsAsync(collectionId, IndexedOnce.Batch(batch * BatchSize, BatchSize)));
        }

        shape.Kill(1);
        var indexedAtCrash = await IndexedOnce.IndexedAsync(shape, collectionId);
        Assert.InRange(indexedAtCrash, 0, ids.Count - 1);
        using (var deleted = await leavingOnFirst.DeleteAsync("/api/v1/users/me"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        ids.AddRange(await first.AddDocumentsAsync(collectionId, IndexedOnce.Batch(3 * BatchSize, BatchSize)));
        await Task.Delay(TimeSpan.FromSeconds(10));
        await shape.StartProcessAsync(1);
        output.WriteLine($"{indexedAtCrash} of {ids.Count - BatchSize} indexed when the second copy was killed.");

        await IndexedOnce.AssertAllAsync(shape, collectionId, ids, messageStore: "wolverine");
        List<long> left = [];
        var erased = await SearchApi.EventuallyAsync(async () => (left = await EndToEndScenario.OwnedRowsAsync(shape.Database, leavingId)).All(count => count == 0), TimeSpan.FromSeconds(60));
        Assert.True(erased, $"Rows of the deleted user left (users, collections, documents, chunks, conversations, embedding usage): {string.Join(", ", left)}\n{shape.RecentOutput()}");

        using var restarted = Authorized(shape.Process(1), token);
        var hits = await restarted.SearchItemsAsync(collectionId, new { query = "item42", mode = "keyword" });
        Assert.Equal(ids[42], Assert.Single(hits)["documentId"]!.GetValue<Guid>());
    }

    private static HttpClient Authorized(HostProcess process, string token)
    {
        var client = process.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
