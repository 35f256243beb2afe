using System.Net;
using System.Net.Http.Json;
using Monolith.IntegrationTests.Infrastructure;
using static Monolith.IntegrationTests.Search.SearchApi;

namespace Monolith.IntegrationTests.Search;

/// <summary>Keyword search is Okapi BM25 over the searched collection's own statistics (ADR 0017).</summary>
[Collection(SearchHostCollection.Name)]
public sealed class Bm25Tests(SearchHostFixture host)
{
    private readonly MonolithFactory _factory = host.Factory;

    /// <summary>
    /// N = 3 chunks of lengths 3, 2, 4 (average 3); defaults k1 = 0.9, b = 0.4; idf = ln(1 + (N − df + 0.5) / (df + 0.5)).
    /// "apple" (df 1): idf = ln(1 + 2.5/1.5) = 0.980829. "cherry" (df 2): idf = ln(1 + 1.5/2.5) = 0.470004.
    /// d1 (apple tf 2, length 3): 2 · 1.9 / (2 + 0.9 · (0.6 + 0.4 · 3/3)) = 1.310345 → 0.980829 · 1.310345 = 1.285225.
    /// d3 (cherry tf 3, length 4): 3 · 1.9 / (3 + 0.9 · (0.6 + 0.4 · 4/3)) = 1.417910 → 0.470004 · 1.417910 = 0.666423.
    /// d2 (cherry tf 1, length 2): 1 · 1.9 / (1 + 0.9 · (0.6 + 0.4 · 2/3)) = 1.067416 → 0.470004 · 1.067416 = 0.501689.
    /// </summary>
    [Fact]
    public async Task Scores_are_Okapi_BM25_of_the_collection_as_computed_by_hand()
    {
        var (_, client) = await _factory.NewUserClientAsync();
        using var _ = client;
        var collectionId = await CreateAsync(client, "simple");
        var ids = await client.AddDocumentsAsync(collectionId, [new { text = "apple banana apple" }, new { text = "banana cherry" }, new { text = "cherry cherry cherry date" }]);
        await client.WaitForIndexedAsync(collectionId, ids);

        var hits = await client.SearchItemsAsync(collectionId, new { query = "apple cherry", mode = "keyword" });

        Assert.Equal([ids[0], ids[2], ids[1]], hits.Select(hit => hit["documentId"]!.GetValue<Guid>()));
        double[] expected = [1.285225, 0.666423, 0.501689];
        Assert.All(expected.Zip(hits), pair => Assert.Equal(pair.First, pair.Second["score"]!.GetValue<double>(), 5));
    }

    [Fact]
    public async Task Another_users_documents_do_not_change_a_collections_scores()
    {
        var (_, client) = await _factory.NewUserClientAsync();
        using var _ = client;
        var collectionId = await CreateAsync(client, "simple");
        await client.WaitForIndexedAsync(collectionId, await client.AddDocumentsAsync(collectionId, [new { text = "apple banana apple" }, new { text = "banana cherry" }]));
        var before = await client.SearchItemsAsync(collectionId, new { query = "apple banana", mode = "keyword" });

        var (_, other) = await _factory.NewUserClientAsync();
        using var __ = other;
        var otherCollection = await CreateAsync(other, "simple");
        await other.WaitForIndexedAsync(otherCollection, await other.AddDocumentsAsync(otherCollection, Enumerable.Range(0, 5).Select(_ => (object)new { text = "apple apple banana" })));
        var after = await client.SearchItemsAsync(collectionId, new { query = "apple banana", mode = "keyword" });

        Assert.Equal(before.Select(hit => hit["score"]!.GetValue<double>()), after.Select(hit => hit["score"]!.GetValue<double>()));
    }

    [Fact]
    public async Task Equal_scores_are_ordered_by_chunk_id_every_time()
    {
        var (_, client) = await _factory.NewUserClientAsync();
        using var _ = client;
        var collectionId = await CreateAsync(client, "simple");
        var ids = await client.AddDocumentsAsync(collectionId, Enumerable.Range(0, 6).Select(i => (object)new { text = "identical words here", externalId = $"copy-{i}" }));
        await client.WaitForIndexedAsync(collectionId, ids);

        var first = await client.SearchItemsAsync(collectionId, new { query = "identical words", mode = "keyword" });
        var second = await client.SearchItemsAsync(collectionId, new { query = "identical words", mode = "keyword" });

        var chunkIds = first.Select(hit => hit["chunkId"]!.GetValue<Guid>().ToString()).ToList();
        Assert.Equal(6, chunkIds.Count);
        Assert.Single(first.Select(hit => hit["score"]!.GetValue<double>()).Distinct());
        Assert.Equal(chunkIds.Order(StringComparer.Ordinal), chunkIds); // PostgreSQL orders uuids as their hex text
        Assert.Equal(chunkIds, second.Select(hit => hit["chunkId"]!.GetValue<Guid>().ToString()));
    }

    [Fact]
    public async Task The_text_search_configuration_is_chosen_at_creation_and_english_is_the_default()
    {
        var (_, client) = await _factory.NewUserClientAsync();
        using var _ = client;
        var english = await client.CreateCollectionAsync();
        Assert.Equal("english", english["textSearchConfig"]!.GetValue<string>());
        var simple = await CreateAsync(client, "simple");
        var german = await CreateAsync(client, "german");
        const string text = "The runners were running to the Häuser";
        foreach (var id in new[] { english["id"]!.GetValue<Guid>(), simple, german })
        {
            await client.WaitForIndexedAsync(id, [await client.AddDocumentAsync(id, new { text })]);
        }

        Assert.Single(await client.SearchItemsAsync(english["id"]!.GetValue<Guid>(), new { query = "run", mode = "keyword" })); // stemmed
        Assert.Empty(await client.SearchItemsAsync(english["id"]!.GetValue<Guid>(), new { query = "the", mode = "keyword" })); // a stop word
        Assert.Single(await client.SearchItemsAsync(simple, new { query = "the", mode = "keyword" }));
        Assert.Empty(await client.SearchItemsAsync(simple, new { query = "run", mode = "keyword" }));
        Assert.Single(await client.SearchItemsAsync(german, new { query = "Haus", mode = "keyword" }));

        using var unknown = await client.PostAsJsonAsync("/api/v1/collections", new { name = "x", textSearchConfig = "klingon" });
        await Problem.AssertValidationAsync(unknown, "textSearchConfig");
    }

    [Fact]
    public async Task Statistics_stay_exact_through_add_replace_delete_and_collection_and_account_deletion()
    {
        var (_, client) = await _factory.NewUserClientAsync();
        using var _ = client;
        var collectionId = await CreateAsync(client, "english");
        // Titled, and one of several chunks, so the title every chunk carries (ADR 0057) is counted as the chunks are.
        var ids = await client.AddDocumentsAsync(collectionId, [
            new { text = "Bees pollinate flowers in spring.", externalId = "bees", title = "Bees in spring" },
            new { text = "Wasps build paper nests; bees build wax combs.", externalId = "wasps" },
            new { text = "Ants farm aphids.", externalId = "ants" },
            new { text = SearchIngestionTests.LongText(words: 600), externalId = "notes", title = "Field notes" },
        ]);
        await client.WaitForIndexedAsync(collectionId, ids);
        var notesChunks = (int)await _factory.Database.CountAsync("SELECT count(*) FROM search.chunks WHERE document_id = @d", ("d", ids[3]));
        Assert.True(notesChunks >= 2, $"600 words should be several chunks, got {notesChunks}");
        await AssertStatisticsExactAsync(collectionId, chunks: 3 + notesChunks);

        var replacement = await client.AddDocumentAsync(collectionId, new { text = "Bees make honey from nectar, and honey keeps for years.", externalId = "bees", title = "Honey" });
        await client.WaitForIndexedAsync(collectionId, [replacement]);
        await AssertStatisticsExactAsync(collectionId, chunks: 3 + notesChunks);

        using (var deleted = await client.DeleteAsync(Document(collectionId, ids[3])))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        await AssertStatisticsExactAsync(collectionId, chunks: 3);

        using (var deleted = await client.DeleteAsync(Document(collectionId, ids[2])))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        await AssertStatisticsExactAsync(collectionId, chunks: 2);

        using (var deleted = await client.DeleteAsync(Collections(collectionId)))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        await AssertNothingLeftAsync(collectionId);

        var second = await CreateAsync(client, "english");
        await client.WaitForIndexedAsync(second, await client.AddDocumentsAsync(second, [new { text = "Moths fly at night." }]));
        await AssertStatisticsExactAsync(second, chunks: 1);
        using (var deleted = await client.DeleteAsync("/api/v1/users/me"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        Assert.True(await EventuallyAsync(async () => await _factory.Database.CountAsync(
            "SELECT count(*) FROM search.collections WHERE id = @c", ("c", second)) == 0, TimeSpan.FromSeconds(30)));
        await AssertNothingLeftAsync(second);
    }

    private static async Task<Guid> CreateAsync(HttpClient client, string textSearchConfig)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/collections", new { name = $"bm25 {Guid.NewGuid():N}", textSearchConfig });
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToJsonString());
        Assert.Equal(textSearchConfig, body["textSearchConfig"]!.GetValue<string>());
        return body["id"]!.GetValue<Guid>();
    }

    /// <summary>The maintained statistics equal the ones recomputed from the chunks themselves.</summary>
    private async Task AssertStatisticsExactAsync(Guid collectionId, int chunks)
    {
        const string recomputed = """
            SELECT k.id, t.lexeme, coalesce(array_length(t.positions, 1), 1) AS frequency
            FROM search.chunks k JOIN search.collections c ON c.id = k.collection_id
            CROSS JOIN LATERAL unnest(to_tsvector(c.text_search_config::regconfig, coalesce(k.title, '') || ' ' || k.text)) t
            WHERE k.collection_id = @c
            """;
        var collection = await _factory.Database.RowsAsync(
            "SELECT chunks, total_length FROM search.collection_statistics WHERE collection_id = @c", ("c", collectionId));
        var expectedLength = await _factory.Database.CountAsync($"SELECT coalesce(sum(frequency), 0) FROM ({recomputed}) r", ("c", collectionId));
        Assert.Equal(chunks, Convert.ToInt64(collection.Single()[0]));
        Assert.Equal(expectedLength, Convert.ToInt64(collection.Single()[1]));
        Assert.Equal(0, await _factory.Database.CountAsync($"""
            SELECT count(*) FROM (
                (SELECT lexeme, count(*)::int FROM ({recomputed}) r GROUP BY lexeme
                 EXCEPT SELECT term, chunks FROM search.term_statistics WHERE collection_id = @c AND chunks > 0)
                UNION ALL
                (SELECT term, chunks FROM search.term_statistics WHERE collection_id = @c AND chunks > 0
                 EXCEPT SELECT lexeme, count(*)::int FROM ({recomputed}) r GROUP BY lexeme)) difference
            """, ("c", collectionId)));
        Assert.Equal(0, await _factory.Database.CountAsync($"""
            SELECT count(*) FROM (
                (SELECT id, lexeme, frequency FROM ({recomputed}) r EXCEPT SELECT chunk_id, term, frequency FROM search.postings WHERE collection_id = @c)
                UNION ALL
                (SELECT chunk_id, term, frequency FROM search.postings WHERE collection_id = @c EXCEPT SELECT id, lexeme, frequency FROM ({recomputed}) r)) difference
            """, ("c", collectionId)));
    }

    private async Task AssertNothingLeftAsync(Guid collectionId)
    {
        foreach (var table in new[] { "collection_statistics", "term_statistics", "postings" })
        {
            Assert.Equal(0, await _factory.Database.CountAsync($"SELECT count(*) FROM search.{table} WHERE collection_id = @c", ("c", collectionId)));
        }
    }
}
