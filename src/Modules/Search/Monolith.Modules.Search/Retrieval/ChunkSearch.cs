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
/// Vector (HNSW, cosine), keyword (full text, <c>ts_rank_cd</c>) and hybrid (reciprocal rank fusion)
/// search over chunks of the given collections, with an optional metadata filter (jsonb containment).
/// Scores: vector = cosine similarity; keyword = ts_rank_cd normalised to [0, 1); hybrid = RRF
/// normalised so a chunk ranked first by both lists scores 1.
/// </summary>
internal sealed class ChunkSearch(SearchDbContext db, IMessageBus bus, IOptions<SearchOptions> options)
{
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(
        IReadOnlyList<Collection> collections, string query, SearchMode mode, int topK,
        IReadOnlyDictionary<string, string>? filter, double? minScore, CancellationToken cancellationToken)
    {
        if (collections.Count == 0)
        {
            return [];
        }

        var filterJson = filter is { Count: > 0 } ? JsonSerializer.Serialize(filter) : null;
        var candidates = mode == SearchMode.Hybrid ? Math.Max(topK * 3, 30) : topK;
        var hits = mode switch
        {
            SearchMode.Vector => await VectorAsync(collections, query, candidates, filterJson, cancellationToken),
            SearchMode.Keyword => await KeywordAsync(collections, query, candidates, filterJson, cancellationToken),
            _ => Fuse(
                await VectorAsync(collections, query, candidates, filterJson, cancellationToken),
                await KeywordAsync(collections, query, candidates, filterJson, cancellationToken),
                options.Value.RrfK),
        };
        return hits.Where(hit => minScore is null || hit.Score >= minScore).Take(topK).ToList();
    }

    private async Task<List<SearchHit>> VectorAsync(
        IReadOnlyList<Collection> collections, string query, int limit, string? filterJson, CancellationToken cancellationToken)
    {
        var hits = new List<SearchHit>();
        foreach (var group in collections.GroupBy(c => (c.EmbeddingModel, c.Dimensions)))
        {
            var embedded = await bus.InvokeAsync<GeneratedEmbeddings>(
                new GenerateEmbeddings([query], EmbeddingPurpose.Query, group.Key.EmbeddingModel), cancellationToken);
            if (embedded.Error is not null || embedded.Vectors.Count != 1 || embedded.Vectors[0].Length != group.Key.Dimensions)
            {
                continue; // the model was removed from configuration: keyword search still works for it
            }

            var sql = VectorSql(group.Key.Dimensions, filterJson is not null);
            hits.AddRange(await QueryAsync(sql, group.Select(c => c.Id).ToArray(), limit, filterJson, cancellationToken,
                new NpgsqlParameter("query_vector", VectorLiteral(embedded.Vectors[0])),
                new NpgsqlParameter("ef_search", options.Value.EfSearch)));
        }

        return hits.OrderByDescending(hit => hit.Score).Take(limit).ToList();
    }

    private Task<List<SearchHit>> KeywordAsync(
        IReadOnlyList<Collection> collections, string query, int limit, string? filterJson, CancellationToken cancellationToken) =>
        QueryAsync(KeywordSql(filterJson is not null), collections.Select(c => c.Id).ToArray(), limit, filterJson, cancellationToken,
            new NpgsqlParameter("query_text", query));

    /// <summary>
    /// The ANN query runs in a transaction only so its settings stay local: ef_search, and pgvector
    /// 0.8's iterative scan so filters (collection, metadata) still yield <c>limit</c> rows.
    /// </summary>
    public static string VectorSql(int dimensions, bool filtered) => string.Create(CultureInfo.InvariantCulture, $"""
        SELECT n.id, n.document_id, n.collection_id, d.external_id, n.title, n.text, n.metadata::text, 1 - n.distance AS score
        FROM (
            SELECT c.id, c.document_id, c.collection_id, c.title, c.text, c.metadata,
                   c.embedding::vector({dimensions}) <=> @query_vector::vector({dimensions}) AS distance
            FROM search.chunks c
            WHERE c.dimensions = {dimensions} AND c.collection_id = ANY(@collections){(filtered ? " AND c.metadata @> @filter::jsonb" : "")}
            ORDER BY c.embedding::vector({dimensions}) <=> @query_vector::vector({dimensions})
            LIMIT @limit
        ) n
        JOIN search.documents d ON d.id = n.document_id
        ORDER BY n.distance
        """);

    public static string KeywordSql(bool filtered) => $"""
        SELECT n.id, n.document_id, n.collection_id, d.external_id, n.title, n.text, n.metadata::text, n.score
        FROM (
            SELECT c.id, c.document_id, c.collection_id, c.title, c.text, c.metadata, ts_rank_cd(c.search_vector, q, 32) AS score
            FROM search.chunks c, CAST(replace(plainto_tsquery('english', @query_text)::text, ' & ', ' | ') AS tsquery) q
            WHERE c.search_vector @@ q AND c.collection_id = ANY(@collections){(filtered ? " AND c.metadata @> @filter::jsonb" : "")}
            ORDER BY score DESC
            LIMIT @limit
        ) n
        JOIN search.documents d ON d.id = n.document_id
        ORDER BY n.score DESC
        """;

    private async Task<List<SearchHit>> QueryAsync(
        string sql, Guid[] collectionIds, int limit, string? filterJson, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var efSearch = parameters.FirstOrDefault(p => p.ParameterName == "ef_search");
            if (efSearch is not null)
            {
                await using var settings = new NpgsqlCommand(
                    string.Create(CultureInfo.InvariantCulture, $"SET LOCAL hnsw.ef_search = {(int)efSearch.Value!}; SET LOCAL hnsw.iterative_scan = relaxed_order"),
                    connection, transaction);
                await settings.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var command = new NpgsqlCommand(sql, connection, transaction);
            command.Parameters.Add(new NpgsqlParameter("collections", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = collectionIds });
            command.Parameters.Add(new NpgsqlParameter("limit", limit));
            if (filterJson is not null)
            {
                command.Parameters.Add(new NpgsqlParameter("filter", filterJson));
            }

            foreach (var parameter in parameters.Where(p => p.ParameterName != "ef_search"))
            {
                command.Parameters.Add(parameter);
            }

            var hits = new List<SearchHit>();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    hits.Add(Read(reader));
                }
            }

            await transaction.CommitAsync(cancellationToken);
            return hits;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
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

    /// <summary>Reciprocal rank fusion: Σ 1/(k + rank) over both lists, scaled so rank 1 in both is 1.</summary>
    private static List<SearchHit> Fuse(List<SearchHit> vector, List<SearchHit> keyword, int k)
    {
        var fused = new Dictionary<Guid, (SearchHit Hit, double Score)>();
        foreach (var list in new[] { vector, keyword })
        {
            for (var rank = 0; rank < list.Count; rank++)
            {
                var hit = list[rank];
                var contribution = 1.0 / (k + rank + 1);
                fused[hit.ChunkId] = fused.TryGetValue(hit.ChunkId, out var existing)
                    ? (existing.Hit, existing.Score + contribution)
                    : (hit, contribution);
            }
        }

        var best = 2.0 / (k + 1);
        return fused.Values
            .OrderByDescending(entry => entry.Score)
            .Select(entry => entry.Hit with { Score = Math.Round(entry.Score / best, 6) })
            .ToList();
    }

    public static string VectorLiteral(float[] vector) =>
        "[" + string.Join(',', vector.Select(value => value.ToString("R", CultureInfo.InvariantCulture))) + "]";
}
