using System.Net;
using Monolith.IntegrationTests.Infrastructure;
using static Monolith.IntegrationTests.Search.SearchApi;

namespace Monolith.IntegrationTests.Search;

/// <summary>Another user's collection or document is indistinguishable from a missing one: 404 on every route, and nothing changes.</summary>
[Collection(SearchHostCollection.Name)]
public sealed class SearchOwnershipTests(SearchHostFixture host)
{
    private readonly MonolithFactory _factory = host.Factory;

    [Fact]
    public async Task Another_users_collection_and_document_are_404_on_every_route()
    {
        var (_, owner) = await _factory.NewUserClientAsync();
        var (_, stranger) = await _factory.NewUserClientAsync();
        using var _ = owner;
        using var __ = stranger;
        var collectionId = await owner.CreateCollectionIdAsync("private");
        var documentId = await owner.AddDocumentAsync(collectionId, new { text = "The combination of the office safe is written on the inside of the plant pot." });
        await owner.WaitForStatusAsync(collectionId, documentId);

        foreach (var (method, path) in SearchEndpointTests.Routes(collectionId, documentId))
        {
            using var response = await SearchEndpointTests.SendAsync(stranger, method, path);
            await Problem.AssertAsync(response, HttpStatusCode.NotFound, "not-found");
        }

        // The stranger's own collection does not open the owner's document either.
        var strangersCollection = await stranger.CreateCollectionIdAsync("mine");
        using (var viaOwnCollection = await stranger.GetAsync(Document(strangersCollection, documentId)))
        {
            await Problem.AssertAsync(viaOwnCollection, HttpStatusCode.NotFound, "not-found");
        }

        using (var deleteViaOwnCollection = await stranger.DeleteAsync(Document(strangersCollection, documentId)))
        {
            await Problem.AssertAsync(deleteViaOwnCollection, HttpStatusCode.NotFound, "not-found");
        }

        // The stranger's lists and searches show none of it.
        using (var list = await stranger.GetAsync("/api/v1/collections"))
        {
            var collections = Items(await list.ReadJsonAsync());
            Assert.Equal([strangersCollection], collections.Select(c => c["id"]!.GetValue<Guid>()));
        }

        Assert.Empty(await stranger.SearchItemsAsync(strangersCollection, new { query = "office safe combination" }));

        // Nothing the stranger tried changed anything, and nothing was added to the owner's collection.
        var document = await owner.GetDocumentAsync(collectionId, documentId);
        Assert.Equal("indexed", document["status"]!.GetValue<string>());
        Assert.Equal(1, await _factory.Database.CountAsync("SELECT count(*) FROM search.documents WHERE collection_id = @c", ("c", collectionId)));
        var hits = await owner.SearchItemsAsync(collectionId, new { query = "office safe combination" });
        Assert.Equal(documentId, hits[0]["documentId"]!.GetValue<Guid>());
    }
}
