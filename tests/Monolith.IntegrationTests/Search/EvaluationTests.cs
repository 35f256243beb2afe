using System.Net;
using System.Net.Http.Json;
using Monolith.IntegrationTests.Infrastructure;
using static Monolith.IntegrationTests.Search.SearchApi;

namespace Monolith.IntegrationTests.Search;

/// <summary>Retrieval evaluations: golden queries run in the background in each mode, scored with nDCG@10, Recall@10/@100 and MRR@10.</summary>
[Collection(SearchHostCollection.Name)]
public sealed class EvaluationTests(SearchHostFixture host)
{
    private readonly MonolithFactory _factory = host.Factory;

    /// <summary>
    /// BM25 ranks "cherry": d3 (tf 3) before d2 (tf 1) (see <see cref="Bm25Tests"/>), "apple": d1 alone, "date": d3 alone.
    /// apple, d1 relevant (grade 2) at rank 1: nDCG 1, recall 1, RR 1.
    /// cherry, d2 relevant at rank 2: nDCG = (1/log2 3) / 1 = 0.630930, recall 1, RR 0.5.
    /// date, d3 (by id) and a document that does not exist relevant: nDCG = 1 / (1 + 1/log2 3) = 0.613147, recall 0.5, RR 1.
    /// Means: nDCG 0.748026, recall@10 = recall@100 = 0.833333, MRR 0.833333.
    /// </summary>
    [Fact]
    public async Task An_evaluation_runs_in_the_background_and_scores_keyword_search_as_computed_by_hand()
    {
        var (_, client) = await _factory.NewUserClientAsync();
        using var _ = client;
        var collectionId = await CreateSimpleCollectionAsync(client);
        var ids = await client.AddDocumentsAsync(collectionId, [
            new { text = "apple banana apple", externalId = "d1" }, new { text = "banana cherry", externalId = "d2" },
            new { text = "cherry cherry cherry date", externalId = "d3" }]);
        await client.WaitForIndexedAsync(collectionId, ids);

        using var response = await client.PostAsJsonAsync(Evaluations(collectionId), new
        {
            name = "baseline",
            queries = new object[]
            {
                new { id = "q-apple", query = "apple", judgments = new object[] { new { externalId = "d1", relevance = 2 } } },
                new { id = "q-cherry", query = "cherry", judgments = new object[] { new { externalId = "d2" } } },
                new { id = "q-date", query = "date", judgments = new object[] { new { documentId = ids[2], relevance = 1 }, new { externalId = "missing", relevance = 1 } } },
            },
        });
        var accepted = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, accepted.ToJsonString());
        Assert.Equal("pending", accepted["status"]!.GetValue<string>());
        Assert.Equal(["vector", "keyword", "hybrid"], accepted["modes"]!.AsArray().Select(mode => mode!.GetValue<string>()));
        Assert.Equal($"{Evaluations(collectionId)}/{accepted["id"]}", response.Headers.Location!.OriginalString);

        var done = await client.WaitForEvaluationAsync(response.Headers.Location.OriginalString);

        Assert.Equal(3, done["queryCount"]!.GetValue<int>());
        var keyword = done["metrics"]!["keyword"]!;
        Assert.Equal(0.748026, keyword["ndcgAt10"]!.GetValue<double>(), 5);
        Assert.Equal(0.833333, keyword["recallAt10"]!.GetValue<double>(), 5);
        Assert.Equal(0.833333, keyword["recallAt100"]!.GetValue<double>(), 5);
        Assert.Equal(0.833333, keyword["mrrAt10"]!.GetValue<double>(), 5);
        var cherry = done["queries"]!.AsArray().Single(q => q!["id"]!.GetValue<string>() == "q-cherry")!;
        Assert.Equal(["d3", "d2"], cherry["modes"]!["keyword"]!["top"]!.AsArray().Select(key => key!.GetValue<string>()));
        Assert.Equal(0.630930, cherry["modes"]!["keyword"]!["scores"]!["ndcgAt10"]!.GetValue<double>(), 5);
        foreach (var mode in new[] { "vector", "hybrid" })
        {
            Assert.InRange(done["metrics"]![mode]!["ndcgAt10"]!.GetValue<double>(), 0, 1);
            Assert.All(done["queries"]!.AsArray(), query => Assert.NotNull(query!["modes"]![mode]));
        }
    }

    [Fact]
    public async Task Runs_are_listed_newest_first_with_their_mean_scores_and_without_per_query_detail()
    {
        var (_, client) = await _factory.NewUserClientAsync();
        using var _ = client;
        var collectionId = await CreateSimpleCollectionAsync(client);
        await client.WaitForIndexedAsync(collectionId, await client.AddDocumentsAsync(collectionId, [new { text = "moths fly at night", externalId = "moths" }]));
        var first = await client.StartEvaluationAsync(collectionId, new { name = "first", modes = new[] { "keyword" }, queries = new[] { MothQuery } });
        var second = await client.StartEvaluationAsync(collectionId, new { name = "second", modes = new[] { "keyword", "vector" }, queries = new[] { MothQuery } });
        await client.WaitForEvaluationAsync($"{Evaluations(collectionId)}/{first}");
        await client.WaitForEvaluationAsync($"{Evaluations(collectionId)}/{second}");

        using var list = await client.GetAsync($"{Evaluations(collectionId)}?pageSize=10");
        var page = await list.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(2, page["total"]!.GetValue<int>());
        var items = Items(page);
        Assert.Equal([second, first], items.Select(item => item["id"]!.GetValue<Guid>()));
        Assert.Equal(1.0, items[1]["metrics"]!["keyword"]!["ndcgAt10"]!.GetValue<double>());
        Assert.Equal(["keyword", "vector"], items[0]["modes"]!.AsArray().Select(mode => mode!.GetValue<string>()));
        Assert.Equal(["keyword", "vector"], items[0]["metrics"]!.AsObject().Select(pair => pair.Key).Order(StringComparer.Ordinal));
        Assert.All(items, item => Assert.False(item.ContainsKey("queries")));
        using var badPage = await client.GetAsync($"{Evaluations(collectionId)}?pageSize=0");
        await Problem.AssertValidationAsync(badPage, "pageSize");
    }

    public static TheoryData<string, string> InvalidRuns => new()
    {
        { """{"queries":[]}""", "queries" },
        { """{}""", "queries" },
        { """{"queries":[{"query":"a","judgments":[{"externalId":"x"}]}],"modes":["semantic"]}""", "modes" },
        { """{"queries":[{"query":"a","judgments":[{"externalId":"x"}]}],"modes":["keyword","keyword"]}""", "modes" },
        { """{"queries":[{"query":" ","judgments":[{"externalId":"x"}]}]}""", "queries[0].query" },
        { """{"queries":[{"query":"a"}]}""", "queries[0].judgments" },
        { """{"queries":[{"query":"a","judgments":[{"externalId":"x","relevance":0}]}]}""", "queries[0].judgments" },
        { """{"queries":[{"query":"a","judgments":[{"externalId":"x"},{"externalId":"x","relevance":2}]}]}""", "queries[0].judgments" },
        { """{"queries":[{"query":"a","judgments":[{"relevance":1}]}]}""", "queries[0].judgments[0].externalId" },
        { """{"queries":[{"query":"a","judgments":[{"externalId":"x","documentId":"0198a0a0-0000-7000-8000-000000000000"}]}]}""", "queries[0].judgments[0].externalId" },
        { """{"queries":[{"query":"a","judgments":[{"externalId":"x","relevance":101}]}]}""", "queries[0].judgments[0].relevance" },
        { """{"queries":[{"query":"a","judgments":[{"externalId":"x","relevance":-1}]}]}""", "queries[0].judgments[0].relevance" },
        { """{"queries":[{"query":"a","judgments":[{"externalId":"1"},{"externalId":"2"},{"externalId":"3"},{"externalId":"4"},{"externalId":"5"}]}]}""", "queries[0].judgments" },
        { """{"queries":[null]}""", "queries[0]" },
    };

    [Theory]
    [MemberData(nameof(InvalidRuns))]
    public async Task A_bad_run_is_a_400_naming_the_field_and_nothing_is_stored(string body, string field)
    {
        var (_, client) = await _factory.NewUserClientAsync();
        using var _ = client;
        var collectionId = await client.CreateCollectionIdAsync();

        using var response = await client.PostAsync(Evaluations(collectionId), new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await Problem.AssertValidationAsync(response, field);
        Assert.Equal(0, await _factory.Database.CountAsync("SELECT count(*) FROM search.evaluations WHERE collection_id = @c", ("c", collectionId)));
    }

    [Fact]
    public async Task More_queries_than_the_limit_are_a_400_naming_queries()
    {
        var (_, client) = await _factory.NewUserClientAsync();
        using var _ = client;
        var collectionId = await client.CreateCollectionIdAsync();

        using var response = await client.PostAsJsonAsync(Evaluations(collectionId), new { queries = Enumerable.Repeat(MothQuery, SearchHostFixture.MaxEvaluationQueries + 1) });

        var problem = await Problem.AssertValidationAsync(response, "queries");
        Assert.Contains($"at most {SearchHostFixture.MaxEvaluationQueries} queries", problem["errors"]!["queries"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_users_collection_and_evaluation_are_404_on_every_evaluation_route()
    {
        var (_, owner) = await _factory.NewUserClientAsync();
        var (_, stranger) = await _factory.NewUserClientAsync();
        using var _ = owner;
        using var __ = stranger;
        var collectionId = await CreateSimpleCollectionAsync(owner);
        await owner.WaitForIndexedAsync(collectionId, await owner.AddDocumentsAsync(collectionId, [new { text = "moths fly at night", externalId = "moths" }]));
        var evaluationId = await owner.StartEvaluationAsync(collectionId, new { queries = new[] { MothQuery } });
        var strangersCollection = await stranger.CreateCollectionIdAsync();

        using (var post = await stranger.PostAsJsonAsync(Evaluations(collectionId), new { queries = new[] { MothQuery } }))
        {
            await Problem.AssertAsync(post, HttpStatusCode.NotFound, "not-found");
        }

        foreach (var path in new[] { Evaluations(collectionId), $"{Evaluations(collectionId)}/{evaluationId}", $"{Evaluations(strangersCollection)}/{evaluationId}" })
        {
            using var get = await stranger.GetAsync(path);
            await Problem.AssertAsync(get, HttpStatusCode.NotFound, "not-found");
        }

        Assert.Equal(1, await _factory.Database.CountAsync("SELECT count(*) FROM search.evaluations WHERE collection_id = @c", ("c", collectionId)));
    }

    [Fact]
    public async Task Evaluations_go_with_their_collection_and_with_the_account()
    {
        var (_, client) = await _factory.NewUserClientAsync();
        using var _ = client;
        var deletedCollection = await client.CreateCollectionIdAsync();
        var kept = await client.CreateCollectionIdAsync();
        await client.StartEvaluationAsync(deletedCollection, new { queries = new[] { MothQuery } });
        var keptEvaluation = await client.StartEvaluationAsync(kept, new { queries = new[] { MothQuery } });
        await client.WaitForEvaluationAsync($"{Evaluations(kept)}/{keptEvaluation}");

        using (var deleted = await client.DeleteAsync(Collections(deletedCollection)))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        Assert.Equal(0, await _factory.Database.CountAsync("SELECT count(*) FROM search.evaluations WHERE collection_id = @c", ("c", deletedCollection)));
        Assert.Equal(1, await _factory.Database.CountAsync("SELECT count(*) FROM search.evaluations WHERE collection_id = @c", ("c", kept)));
        using (var deleted = await client.DeleteAsync("/api/v1/users/me"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        Assert.True(await EventuallyAsync(async () => await _factory.Database.CountAsync(
            "SELECT count(*) FROM search.evaluations WHERE collection_id = @c", ("c", kept)) == 0, TimeSpan.FromSeconds(30)));
    }

    private static readonly object MothQuery = new { query = "moths", judgments = new[] { new { externalId = "moths" } } };

    private static async Task<Guid> CreateSimpleCollectionAsync(HttpClient client)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/collections", new { name = $"evaluation {Guid.NewGuid():N}", textSearchConfig = "simple" });
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToJsonString());
        return body["id"]!.GetValue<Guid>();
    }
}
