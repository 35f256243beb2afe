using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Monolith.IntegrationTests.Infrastructure;
using static Monolith.IntegrationTests.Search.SearchApi;

namespace Monolith.IntegrationTests.Search;

/// <summary>Hybrid fusion (weights, explain), the in / not filters, and one snapshot per search.</summary>
[Collection(SearchHostCollection.Name)]
public sealed class HybridSearchTests(SearchHostFixture host)
{
    private static readonly string[] Modes = ["vector", "keyword", "hybrid"];

    private static readonly string[] Texts =
    [
        "Owls hunt mice at night with silent feathers.",
        "Night trains cross the mountains to the coast.",
        "The owl sanctuary opens its barn to visitors at dusk.",
        "Bakers start kneading dough long before sunrise.",
        "Bats and owls share the night sky above the fields.",
    ];

    private readonly MonolithFactory _factory = host.Factory;

    [Fact]
    public async Task Explain_gives_each_hit_its_scores_and_ranks_in_both_lists_and_the_fused_score()
    {
        var (client, collectionId) = await CollectionAsync(Texts);
        using var _ = client;

        var vector = await client.SearchItemsAsync(collectionId, new { query = "owls at night", mode = "vector" });
        var keyword = await client.SearchItemsAsync(collectionId, new { query = "owls at night", mode = "keyword" });
        var hybrid = await client.SearchItemsAsync(collectionId, new { query = "owls at night", explain = true });

        Assert.All(vector.Concat(keyword), hit => Assert.Null(hit["explain"])); // only when asked for
        Assert.NotEmpty(hybrid);
        foreach (var hit in hybrid)
        {
            var explain = hit["explain"]!.AsObject();
            var chunkId = hit["chunkId"]!.GetValue<Guid>();
            AssertListed(explain, "vector", vector, chunkId);
            AssertListed(explain, "keyword", keyword, chunkId);
            Assert.Equal(hit["score"]!.GetValue<double>(), explain["fusedScore"]!.GetValue<double>());
        }

        var keywordExplained = await client.SearchItemsAsync(collectionId, new { query = "owls at night", mode = "keyword", explain = true });
        Assert.Equal(Enumerable.Range(1, keywordExplained.Count), keywordExplained.Select(hit => hit["explain"]!["keywordRank"]!.GetValue<int>()));
        Assert.All(keywordExplained, hit => Assert.Null(hit["explain"]!["vectorRank"]));
    }

    [Fact]
    public async Task Fusion_weights_decide_which_list_leads_with_either_method()
    {
        var (client, collectionId) = await CollectionAsync(Texts);
        using var _ = client;
        var vector = Ids(await client.SearchItemsAsync(collectionId, new { query = "owls at night", mode = "vector" }));
        var keyword = Ids(await client.SearchItemsAsync(collectionId, new { query = "owls at night", mode = "keyword" }));
        Assert.NotEqual(vector, keyword); // otherwise the weights could not show

        foreach (var fusion in new[] { "rrf", "convex" })
        {
            var vectorOnly = Ids(await client.SearchItemsAsync(collectionId, new { query = "owls at night", fusion, weights = new { vector = 1, keyword = 0 } }));
            var keywordOnly = Ids(await client.SearchItemsAsync(collectionId, new { query = "owls at night", fusion, weights = new { vector = 0, keyword = 1 } }));

            Assert.Equal(vector, vectorOnly.Take(vector.Count));
            Assert.Equal(keyword, keywordOnly.Take(keyword.Count));
        }
    }

    [Fact]
    public async Task In_and_not_filters_scope_a_search_in_every_mode()
    {
        var (client, collectionId) = await CollectionAsync(Texts, i => new Dictionary<string, string> { ["tag"] = $"t{i}" });
        using var _ = client;

        foreach (var mode in Modes)
        {
            var some = await client.SearchItemsAsync(collectionId, new { query = "owls at night", mode, filter = new { tag = new { @in = new[] { "t0", "t2" } } } });
            Assert.Equal(["t0", "t2"], some.Select(Tag).Order());

            var allBut = await client.SearchItemsAsync(collectionId, new { query = "owls at night", mode, topK = 100, filter = new { tag = new { not = "t0" } } });
            Assert.DoesNotContain("t0", allBut.Select(Tag));
            Assert.NotEmpty(allBut);
        }
    }

    [Theory]
    [InlineData("""{"tag":{"in":[]}}""", "filter.tag")]
    [InlineData("""{"tag":{"in":"t0"}}""", "filter.tag")]
    [InlineData("""{"tag":{"not":["t0"]}}""", "filter.tag")]
    [InlineData("""{"tag":{"near":"t0"}}""", "filter.tag")]
    [InlineData("""{"tag":{"in":["a"],"not":"b"}}""", "filter.tag")]
    [InlineData("""{"tag":12}""", "filter.tag")]
    [InlineData("""{"":"x"}""", "filter.")]
    public async Task A_bad_filter_is_a_400_naming_its_key(string filter, string field)
    {
        var (client, collectionId) = await CollectionAsync(Texts[..1]);
        using var _ = client;
        using var content = new StringContent($$"""{"query":"owls","filter":{{filter}}}""", System.Text.Encoding.UTF8, "application/json");

        using var response = await client.PostAsync($"{Collections(collectionId)}/search", content);

        await Problem.AssertValidationAsync(response, field);
    }

    [Theory]
    [InlineData("""{"fusion":"max"}""", "fusion")]
    [InlineData("""{"weights":{"vector":0,"keyword":0}}""", "weights")]
    [InlineData("""{"weights":{"vector":-1,"keyword":1}}""", "weights")]
    [InlineData("""{"candidates":0}""", "candidates")]
    public async Task Bad_fusion_settings_are_a_400_naming_the_field(string settings, string field)
    {
        var (client, collectionId) = await CollectionAsync(Texts[..1]);
        using var _ = client;
        var body = JsonNode.Parse(settings)!.AsObject();
        body["query"] = "owls";

        using var response = await client.PostAsJsonAsync($"{Collections(collectionId)}/search", body);

        await Problem.AssertValidationAsync(response, field);
    }

    /// <summary>
    /// Issue 11, item 6: while one externalId is re-uploaded again and again, hybrid searches run; the two lists read
    /// one snapshot, so no response holds chunks of two versions (two document ids) of it.
    /// </summary>
    [Fact]
    public async Task A_hybrid_search_never_mixes_two_versions_of_a_replaced_document()
    {
        var (client, collectionId) = await CollectionAsync(["Lighthouse keepers log every passing ship.", "Harbour pilots guide tankers at dawn."]);
        using var _ = client;
        var first = await client.AddDocumentAsync(collectionId, new { text = "Ship version 0: the lighthouse beam guides every ship home.", externalId = "beam" });
        await client.WaitForIndexedAsync(collectionId, [first]);

        using var stop = new CancellationTokenSource();
        var mixed = new ConcurrentBag<string>();
        var responses = 0;
        var searchers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var hits = await client.SearchItemsAsync(collectionId, new { query = "lighthouse beam ship", topK = 20 });
                Interlocked.Increment(ref responses);
                var versions = hits.Where(hit => hit["externalId"]?.GetValue<string>() == "beam").Select(hit => hit["documentId"]!.GetValue<Guid>()).Distinct().ToList();
                if (versions.Count > 1)
                {
                    mixed.Add(string.Join(", ", versions));
                }
            }
        })).ToList();

        for (var version = 1; version <= 12; version++)
        {
            var id = await client.AddDocumentAsync(collectionId, new { text = $"Ship version {version}: the lighthouse beam guides every ship home.", externalId = "beam" });
            await client.WaitForIndexedAsync(collectionId, [id]);
        }

        await stop.CancelAsync();
        await Task.WhenAll(searchers);
        Assert.True(responses > 12, $"only {responses} searches ran");
        Assert.Empty(mixed);
    }

    private async Task<(HttpClient Client, Guid CollectionId)> CollectionAsync(IReadOnlyList<string> texts, Func<int, Dictionary<string, string>>? metadata = null)
    {
        var (_, client) = await _factory.NewUserClientAsync();
        var collectionId = await client.CreateCollectionIdAsync();
        var ids = await client.AddDocumentsAsync(collectionId, texts.Select((text, i) => (object)new { text, metadata = metadata?.Invoke(i) }));
        await client.WaitForIndexedAsync(collectionId, ids);
        return (client, collectionId);
    }

    private static void AssertListed(JsonObject explain, string list, List<JsonObject> hits, Guid chunkId)
    {
        var rank = hits.FindIndex(hit => hit["chunkId"]!.GetValue<Guid>() == chunkId);
        if (rank < 0)
        {
            Assert.Null(explain[$"{list}Rank"]);
            return;
        }

        Assert.Equal(rank + 1, explain[$"{list}Rank"]!.GetValue<int>());
        Assert.Equal(hits[rank]["score"]!.GetValue<double>(), explain[$"{list}Score"]!.GetValue<double>());
    }

    private static List<Guid> Ids(List<JsonObject> hits) => hits.Select(hit => hit["chunkId"]!.GetValue<Guid>()).ToList();

    private static string Tag(JsonObject hit) => hit["metadata"]!["tag"]!.GetValue<string>();
}
