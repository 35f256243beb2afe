using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Monolith.IntegrationTests.Infrastructure;
using Monolith.Modules.Search;
using Monolith.Modules.Search.Retrieval;
using Npgsql;
using NpgsqlTypes;
using static Monolith.IntegrationTests.Search.SearchApi;

namespace Monolith.IntegrationTests.Search;

/// <summary>
/// A host of its own whose database holds one collection of <see cref="Chunks"/> synthetic chunks
/// (random unit vectors, text from a small word list, a "tenant" in the metadata), written with SQL.
/// The 384-dimension HNSW index is then built by the application itself, by creating a 384-dimension
/// collection through the API (building it over existing rows is much faster than inserting into it).
/// </summary>
public sealed class SearchExplainFixture : IAsyncLifetime
{
    public const int Chunks = 20_000;
    public const string RareWord = "zeppelin";

    private MonolithFactory? _factory;

    public MonolithFactory Factory => _factory ?? throw new InvalidOperationException("The host has not started.");

    public HttpClient Client { get; private set; } = null!;

    public Guid CollectionId { get; } = Guid.NewGuid();

    public async Task InitializeAsync()
    {
        _factory = await MonolithFactory.StartAsync();
        var (user, client) = await _factory.NewUserClientAsync();
        Client = client;

        await using var connection = new NpgsqlConnection(_factory.Database.ConnectionString);
        await connection.OpenAsync();
        await using (var seed = new NpgsqlCommand(
            $"""
            INSERT INTO search.collections (id, owner_id, name, embedding_model, dimensions, created_at)
            VALUES (@collection, @owner, 'synthetic', '{LocalModel}', {LocalDimensions}, now());

            INSERT INTO search.documents (id, collection_id, owner_id, external_id, text, metadata, status, chunk_count, created_at, indexed_at)
            SELECT gen_random_uuid(), @collection, @owner, 'doc-' || d, 'synthetic', jsonb_build_object(), 'Indexed', 100, now(), now()
            FROM generate_series(1, {Chunks / 100}) d;

            -- (p - p) makes each subquery depend on the row, so it runs again for every row; 0 * i keeps string_agg in its subquery.
            WITH vocabulary AS (SELECT string_to_array(
                'river mountain valley forest meadow harbor village bridge lantern orchard quiet slow bright ancient narrow distant golden silver hidden gentle '
                || 'walk watch carry paint follow gather measure repair notice describe traveler fisherman teacher miller shepherd weaver sailor baker farmer scholar '
                || 'morning evening winter summer storm harvest market festival journey letter copper engine signal ledger invoice contract budget server cluster '
                || 'network packet kernel thread socket cache query index vector planner garden kitchen window garage attic cellar ladder hammer chisel anvil '
                || 'violin trumpet drum guitar piano choir tempo rhythm melody chord comet planet orbit nebula crater tide reef kelp coral lagoon', ' ') AS words)
            INSERT INTO search.chunks (id, document_id, collection_id, owner_id, position, text, token_count, embedding, dimensions, metadata)
            SELECT gen_random_uuid(), d.id, @collection, @owner, p,
                   (SELECT string_agg(v.words[1 + floor(random() * array_length(v.words, 1))::int + 0 * i], ' ') FROM generate_series(1, 24 + (p - p)) i)
                       || CASE WHEN p = 7 THEN ' {RareWord}' ELSE '' END,
                   30,
                   l2_normalize((SELECT array_agg(random()::real - 0.5::real) FROM generate_series(1, {LocalDimensions} + (p - p)))::vector),
                   {LocalDimensions},
                   jsonb_build_object('tenant', 't' || ((p * 7 + d.n) % 20))
            FROM (SELECT id, row_number() OVER () AS n FROM search.documents WHERE collection_id = @collection) d,
                 generate_series(0, 99) p, vocabulary v;
            """,
            connection))
        {
            seed.Parameters.AddWithValue("collection", CollectionId);
            seed.Parameters.AddWithValue("owner", user.Id);
            seed.CommandTimeout = 120;
            await seed.ExecuteNonQueryAsync();
        }

        // The application creates the index for 384 dimensions with the first collection of that size.
        Client.Timeout = TimeSpan.FromMinutes(2);
        await Client.CreateCollectionIdAsync("builds the index");
        await using var analyze = new NpgsqlCommand("ANALYZE search.chunks; ANALYZE search.documents; ANALYZE search.postings; ANALYZE search.term_statistics", connection);
        await analyze.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }
}

/// <summary>The planner serves the exact SQL of <see cref="ChunkSearch"/> from the indexes at a realistic size, never by scanning all chunks.</summary>
public sealed class SearchExplainTests(SearchExplainFixture fixture) : IClassFixture<SearchExplainFixture>
{
    private const string HnswIndex = "ix_chunks_embedding_hnsw_384";
    private const string PostingsIndex = "ix_postings_term";
    private const string MetadataIndex = "IX_chunks_metadata";

    [Fact]
    public async Task The_chunks_and_the_index_the_application_built_are_there()
    {
        Assert.Equal(SearchExplainFixture.Chunks, await fixture.Factory.Database.CountAsync(
            "SELECT count(*) FROM search.chunks WHERE collection_id = @c", ("c", fixture.CollectionId)));
        var definition = (string)(await fixture.Factory.Database.RowsAsync(
            "SELECT indexdef FROM pg_indexes WHERE schemaname = 'search' AND indexname = @name", ("name", HnswIndex)))[0][0]!;
        Assert.Contains("USING hnsw (((embedding)::vector(384)) vector_cosine_ops) WHERE (dimensions = 384)", definition, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(30)] // hybrid's candidates for topK 10
    public async Task Vector_search_uses_the_HNSW_index(int limit)
    {
        var plan = await ExplainVectorAsync(filter: null, limit);

        Assert.Contains(HnswIndex, plan, StringComparison.Ordinal);
        AssertNoSeqScanOnChunks(plan);
    }

    [Fact]
    public async Task Vector_search_with_a_metadata_filter_uses_an_index()
    {
        var plan = await ExplainVectorAsync(filter: "$.\"tenant\" == \"t3\"", limit: 10);

        Assert.True(plan.Contains(HnswIndex, StringComparison.Ordinal) || plan.Contains(MetadataIndex, StringComparison.Ordinal), plan);
        AssertNoSeqScanOnChunks(plan);
    }

    [Fact]
    public async Task Keyword_search_reads_the_postings_of_its_terms_through_their_index()
    {
        var plan = await ExplainKeywordAsync(SearchExplainFixture.RareWord + " harbor", filter: null);

        Assert.Contains(PostingsIndex, plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan on postings", plan, StringComparison.Ordinal);
        AssertNoSeqScanOnChunks(plan);
    }

    [Fact]
    public async Task Keyword_search_with_a_metadata_filter_uses_an_index()
    {
        var plan = await ExplainKeywordAsync(SearchExplainFixture.RareWord, filter: "$.\"tenant\" == \"t3\"");

        Assert.Contains(PostingsIndex, plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan on postings", plan, StringComparison.Ordinal);
        AssertNoSeqScanOnChunks(plan);
    }

    [Fact]
    public async Task The_API_returns_topK_hits_from_the_large_collection_in_every_mode_even_with_a_selective_filter()
    {
        foreach (var mode in new[] { "vector", "keyword", "hybrid" })
        {
            var hits = await fixture.Client.SearchItemsAsync(fixture.CollectionId, new { query = $"{SearchExplainFixture.RareWord} harbor", mode, topK = 10 });
            Assert.Equal(10, hits.Count);

            // One chunk in twenty has tenant t3: the iterative HNSW scan still fills topK.
            var filtered = await fixture.Client.SearchItemsAsync(fixture.CollectionId, new { query = "harbor lantern", mode, topK = 10, filter = new { tenant = "t3" } });
            Assert.Equal(10, filtered.Count);
            Assert.All(filtered, hit => Assert.Equal("t3", hit["metadata"]!["tenant"]!.GetValue<string>()));
        }

        var keyword = await fixture.Client.SearchItemsAsync(fixture.CollectionId, new { query = SearchExplainFixture.RareWord, mode = "keyword", topK = 100 });
        Assert.Equal(100, keyword.Count);
        Assert.All(keyword, hit => Assert.Contains(SearchExplainFixture.RareWord, hit["text"]!.GetValue<string>(), StringComparison.Ordinal));
        using var other = await fixture.Client.PostAsJsonAsync($"{Collections(Guid.NewGuid())}/search", new { query = "x" });
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task A_collection_far_from_the_query_behind_a_larger_one_in_the_shared_HNSW_index_still_gets_its_exact_top_k()
    {
        // 2,500 chunks pointing away from the query, next to the 20,000 of the fixture's collection that all lie nearer:
        // in the one HNSW index of 384 dimensions a scan scoped to this collection runs out (hnsw.max_scan_tuples) first.
        const string query = "harbor lantern festival";
        var embedding = await EmbedAsync(query);
        var far = await fixture.Client.CreateCollectionIdAsync("far from the query");
        await using (var connection = new NpgsqlConnection(fixture.Factory.Database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var seed = new NpgsqlCommand(
                $"""
                INSERT INTO search.documents (id, collection_id, owner_id, text, metadata, status, chunk_count, created_at, indexed_at)
                SELECT gen_random_uuid(), @far, owner_id, 'far', jsonb_build_object(), 'Indexed', 1, now(), now()
                FROM search.collections CROSS JOIN generate_series(1, 2500) WHERE id = @far;
                INSERT INTO search.chunks (id, document_id, collection_id, owner_id, position, text, token_count, embedding, dimensions, metadata)
                SELECT gen_random_uuid(), d.id, @far, d.owner_id, 0, 'far away', 2,
                       l2_normalize((SELECT array_agg(-q.x + (random()::real - 0.5::real) * 0.2::real + 0 * length(d.id::text)) FROM unnest(@query::real[]) q(x))::vector),
                       {LocalDimensions}, jsonb_build_object()
                FROM search.documents d WHERE d.collection_id = @far;
                ANALYZE search.chunks;
                """,
                connection);
            seed.Parameters.AddWithValue("far", far);
            seed.Parameters.AddWithValue("query", embedding);
            await seed.ExecuteNonQueryAsync();
        }

        var exact = (await fixture.Factory.Database.RowsAsync(
                $"SELECT id FROM search.chunks WHERE collection_id = @far ORDER BY (embedding::vector({LocalDimensions}) <=> @query::real[]::vector({LocalDimensions})) + 0, id LIMIT 10",
                ("far", far), ("query", embedding)))
            .Select(row => (Guid)row[0]!).ToList();
        var fromIndex = await CountFromIndexAsync(far, embedding);
        var hits = await fixture.Client.SearchItemsAsync(far, new { query, mode = "vector", topK = 10 });

        Assert.True(fromIndex < 10, $"The index scan alone found {fromIndex} of 10: the case this test is about did not arise.");
        Assert.Equal(exact, hits.Select(hit => hit["chunkId"]!.GetValue<Guid>()));
    }

    private async Task<float[]> EmbedAsync(string text)
    {
        using var response = await fixture.Client.PostAsJsonAsync("/v1/embeddings", new { input = text, model = LocalModel });
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        return [.. body["data"]![0]!["embedding"]!.AsArray().Select(x => x!.GetValue<float>())];
    }

    /// <summary>How many chunks the module's index SQL alone (no exact fallback) returns for topK 10 in the collection.</summary>
    private async Task<int> CountFromIndexAsync(Guid collectionId, float[] embedding)
    {
        var efSearch = fixture.Factory.Services.GetRequiredService<IOptions<SearchOptions>>().Value.EfSearch;
        await using var connection = new NpgsqlConnection(fixture.Factory.Database.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var set = new NpgsqlCommand($"SET LOCAL hnsw.ef_search = {efSearch}; SET LOCAL hnsw.iterative_scan = relaxed_order", connection, transaction))
        {
            await set.ExecuteNonQueryAsync();
        }

        await using var count = new NpgsqlCommand($"SELECT count(*)::int FROM ({SearchSql.Vector(LocalDimensions, filtered: false)}) hits", connection, transaction);
        count.Parameters.Add(new NpgsqlParameter("collections", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = new[] { collectionId } });
        count.Parameters.Add(new NpgsqlParameter("limit", 10));
        count.Parameters.Add(new NpgsqlParameter("query_vector", ChunkSearch.VectorLiteral(embedding)));
        return (int)(await count.ExecuteScalarAsync())!;
    }

    private Task<string> ExplainVectorAsync(string? filter, int limit)
    {
        var random = new Random(limit);
        var vector = Enumerable.Range(0, LocalDimensions).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var norm = MathF.Sqrt(vector.Sum(x => x * x));
        var efSearch = fixture.Factory.Services.GetRequiredService<IOptions<SearchOptions>>().Value.EfSearch;
        return ExplainAsync(SearchSql.Vector(LocalDimensions, filter is not null), filter, limit,
            $"SET LOCAL hnsw.ef_search = {efSearch}; SET LOCAL hnsw.iterative_scan = relaxed_order",
            new NpgsqlParameter("query_vector", ChunkSearch.VectorLiteral(vector.Select(x => x / norm).ToArray())));
    }

    private Task<string> ExplainKeywordAsync(string query, string? filter)
    {
        var bm25 = fixture.Factory.Services.GetRequiredService<IOptions<SearchOptions>>().Value.Bm25;
        return ExplainAsync(SearchSql.Keyword(filter is not null), filter, limit: 10, settings: null, new NpgsqlParameter("query_text", query),
            new NpgsqlParameter("k1", bm25.K1), new NpgsqlParameter("b", bm25.B), new NpgsqlParameter("postings_per_term", bm25.MaxPostingsPerTerm));
    }

    /// <summary>EXPLAIN of the SQL with parameters bound as ChunkSearch binds them, in a transaction with its settings.</summary>
    private async Task<string> ExplainAsync(string sql, string? filter, int limit, string? settings, params NpgsqlParameter[] parameters)
    {
        await using var connection = new NpgsqlConnection(fixture.Factory.Database.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        if (settings is not null)
        {
            await using var set = new NpgsqlCommand(settings, connection, transaction);
            await set.ExecuteNonQueryAsync();
        }

        await using var explain = new NpgsqlCommand($"EXPLAIN {sql}", connection, transaction);
        explain.Parameters.Add(new NpgsqlParameter("collections", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = new[] { fixture.CollectionId } });
        explain.Parameters.Add(new NpgsqlParameter("limit", limit));
        explain.Parameters.AddRange(parameters);
        if (filter is not null)
        {
            explain.Parameters.Add(new NpgsqlParameter("filter", filter));
        }

        var lines = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                lines.Add(reader.GetString(0));
            }
        }

        await transaction.RollbackAsync();
        return string.Join('\n', lines);
    }

    private static void AssertNoSeqScanOnChunks(string plan) =>
        Assert.False(plan.Contains("Seq Scan on chunks", StringComparison.Ordinal), $"The plan scans every chunk:\n{plan}");
}
