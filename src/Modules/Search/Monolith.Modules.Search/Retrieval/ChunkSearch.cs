using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Monolith.Modules.Embeddings.Contracts;
using Monolith.Modules.Search.Contracts;
using Monolith.Modules.Search.Data;
using Npgsql;
using NpgsqlTypes;
using Wolverine;

namespace Monolith.Modules.Search.Retrieval;

/// <summary>
/// Vector (HNSW, cosine), keyword (Okapi BM25) and hybrid (fusion of both) search over chunks of the given
/// collections, with an optional metadata filter. The query is embedded first; then every list is read in one
/// REPEATABLE READ transaction, so a hybrid search sees one snapshot (a document replaced meanwhile is in
/// both lists or in neither). Scores: vector = cosine similarity; keyword = BM25; hybrid = fused, in [0, 1].
/// </summary>
internal sealed class ChunkSearch(SearchDbContext db, IMessageBus bus, IOptions<SearchOptions> options)
{
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(IReadOnlyList<Collection> collections, SearchQuery query, CancellationToken cancellationToken)
    {
        if (collections.Count == 0)
        {
            return [];
        }

        var hybrid = options.Value.Hybrid;
        var candidates = query.Mode == SearchMode.Hybrid ? Math.Max(query.TopK, query.Candidates ?? hybrid.Candidates) : query.TopK;
        var vectors = query.Mode == SearchMode.Keyword ? [] : await EmbedAsync(collections, query.Text, cancellationToken);
        var filter = MetadataFilter.ToJsonPath(query.Filter);

        List<SearchHit> vector = [], keyword = [];
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            if (vectors.Count > 0)
            {
                await ExecuteAsync(connection, transaction, string.Create(CultureInfo.InvariantCulture,
                    $"SET LOCAL hnsw.ef_search = {options.Value.EfSearch}; SET LOCAL hnsw.iterative_scan = relaxed_order"), cancellationToken);
                foreach (var (dimensions, ids, embedding) in vectors)
                {
                    var nearest = await QueryAsync(connection, transaction, SearchSql.Vector(dimensions, filter is not null), ids, candidates, filter, cancellationToken,
                        new NpgsqlParameter("query_vector", VectorLiteral(embedding)));
                    if (nearest.Count < candidates)
                    {
                        // One HNSW index holds every collection of this dimension, and pgvector's iterative scan gives up
                        // after hnsw.max_scan_tuples: chunks of the searched collections (or of the filter) that lie far
                        // from the query behind many nearer chunks of others are never reached. Fewer hits than asked
                        // means that, or a scope smaller than the limit: either way the exact answer reads only the scope.
                        nearest = await QueryAsync(connection, transaction, SearchSql.Vector(dimensions, filter is not null, exact: true), ids, candidates, filter, cancellationToken,
                            new NpgsqlParameter("query_vector", VectorLiteral(embedding)));
                    }

                    vector.AddRange(nearest);
                }

                vector = [.. vector.OrderByDescending(hit => hit.Score).ThenBy(hit => hit.ChunkId).Take(candidates)];
            }

            if (query.Mode != SearchMode.Vector)
            {
                var bm25 = options.Value.Bm25;
                keyword = await QueryAsync(connection, transaction, SearchSql.Keyword(filter is not null), [.. collections.Select(c => c.Id)], candidates, filter, cancellationToken,
                    new NpgsqlParameter("query_text", query.Text), new NpgsqlParameter("k1", bm25.K1), new NpgsqlParameter("b", bm25.B),
                    new NpgsqlParameter("postings_per_term", bm25.MaxPostingsPerTerm));
            }

            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        var hits = query.Mode switch
        {
            SearchMode.Vector => vector.Select((hit, i) => hit with { Explain = new HitExplanation(hit.Score, i + 1, null, null, null) }).ToList(),
            SearchMode.Keyword => keyword.Select((hit, i) => hit with { Explain = new HitExplanation(null, null, hit.Score, i + 1, null) }).ToList(),
            _ => Fusion.Fuse(vector, keyword, new FusionSettings(
                query.Fusion ?? hybrid.Fusion, query.VectorWeight ?? hybrid.VectorWeight, query.KeywordWeight ?? hybrid.KeywordWeight, hybrid.RrfK)),
        };
        return hits
            .Where(hit => query.MinScore is null || hit.Score >= query.MinScore)
            .Take(query.TopK)
            .Select(hit => query.Explain ? hit : hit with { Explain = null })
            .ToList();
    }

    /// <summary>The query's embedding for each (model, dimensions) of the collections; a model no longer configured is skipped (keyword search still works for it).</summary>
    private async Task<List<(int Dimensions, Guid[] Collections, float[] Embedding)>> EmbedAsync(
        IReadOnlyList<Collection> collections, string text, CancellationToken cancellationToken)
    {
        var embeddings = new List<(int, Guid[], float[])>();
        foreach (var group in collections.GroupBy(c => (c.EmbeddingModel, c.Dimensions)))
        {
            var embedded = await bus.InvokeAsync<GeneratedEmbeddings>(
                new GenerateEmbeddings([text], EmbeddingPurpose.Query, group.Key.EmbeddingModel, group.First().OwnerId), cancellationToken);
            if (embedded.Error is null && embedded.Vectors.Count == 1 && embedded.Vectors[0].Length == group.Key.Dimensions)
            {
                embeddings.Add((group.Key.Dimensions, group.Select(c => c.Id).ToArray(), embedded.Vectors[0]));
            }
        }

        return embeddings;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<List<SearchHit>> QueryAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, Guid[] collectionIds, int limit, string? filter,
        CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter("collections", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = collectionIds });
        command.Parameters.Add(new NpgsqlParameter("limit", limit));
        if (filter is not null)
        {
            command.Parameters.Add(new NpgsqlParameter("filter", filter));
        }

        command.Parameters.AddRange(parameters);
        var hits = new List<SearchHit>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            hits.Add(Read(reader));
        }

        return hits;
    }

    private static SearchHit Read(DbDataReader reader) => new(
        DocumentId: reader.GetGuid(1),
        CollectionId: reader.GetGuid(2),
        ExternalId: reader.IsDBNull(3) ? null : reader.GetString(3),
        Title: reader.IsDBNull(4) ? null : reader.GetString(4),
        ChunkId: reader.GetGuid(0),
        Text: reader.GetString(5),
        Score: Math.Round(reader.GetDouble(7), 6),
        Metadata: JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(6)) ?? []);

    public static string VectorLiteral(float[] vector) =>
        "[" + string.Join(',', vector.Select(value => value.ToString("R", CultureInfo.InvariantCulture))) + "]";
}
