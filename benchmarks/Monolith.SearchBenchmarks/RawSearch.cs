using System.Globalization;
using Monolith.Modules.Embeddings.LocalModel;
using Monolith.Modules.Search;
using Monolith.Modules.Search.Retrieval;
using Npgsql;
using NpgsqlTypes;

namespace Monolith.SearchBenchmarks;

/// <summary>
/// What a search costs without the platform around it: the query embedded with <see cref="MiniLmEmbedder"/> in this
/// process and the module's SQL through a plain Npgsql data source, in the same transaction shape as the module
/// (<c>SET LOCAL hnsw.ef_search</c> and <c>hnsw.iterative_scan</c>, query, commit).
/// </summary>
internal sealed class RawSearch(NpgsqlDataSource dataSource, MiniLmEmbedder embedder, Guid collectionId, int? efSearch = null)
{
    private static readonly SearchOptions Defaults = new();
    private static readonly int RrfK = Defaults.Hybrid.RrfK;

    // The SQL the API runs, from the Search module itself (InternalsVisibleTo).
    private static readonly string VectorSql = SearchSql.Vector(MiniLmEmbedder.Dimensions, filtered: false);
    private static readonly string KeywordSql = SearchSql.Keyword(filtered: false);

    private readonly string _annSettings = string.Create(
        CultureInfo.InvariantCulture, $"SET LOCAL hnsw.ef_search = {efSearch ?? Defaults.EfSearch}; SET LOCAL hnsw.iterative_scan = relaxed_order");

    /// <summary>Scores (column <c>score</c>) of the last query's rows, in order.</summary>
    public IReadOnlyList<double> LastScores { get; private set; } = [];

    public float[] Embed(string query) => embedder.Embed([query])[0];

    /// <summary>As the API's hybrid mode with its defaults (RRF, equal weights), given the query's embedding: vector and keyword SQL with the default candidates each, fused.</summary>
    public async Task<List<Guid>> HybridAsync(string query, float[] vector, int topK)
    {
        var candidates = Candidates(topK);
        var nearest = await VectorAsync(vector, candidates, exact: false);
        var keyword = await KeywordAsync(query, candidates);
        return Fuse(nearest, keyword, topK);
    }

    public static int Candidates(int topK) => Math.Max(topK, Defaults.Hybrid.Candidates);

    public Task<List<Guid>> KeywordAsync(string query, int limit) =>
        QueryAsync(KeywordSql, limit, settings: null, new NpgsqlParameter("query_text", query), new NpgsqlParameter("k1", Defaults.Bm25.K1),
            new NpgsqlParameter("b", Defaults.Bm25.B), new NpgsqlParameter("postings_per_term", Defaults.Bm25.MaxPostingsPerTerm));

    /// <summary>
    /// The vector SQL for a given embedding; <paramref name="exact"/> turns index scans off in the same transaction,
    /// so PostgreSQL computes every distance (the ground truth for recall).
    /// </summary>
    public Task<List<Guid>> VectorAsync(float[] vector, int limit, bool exact) =>
        QueryAsync(VectorSql, limit, exact ? _annSettings + "; SET LOCAL enable_indexscan = off" : _annSettings,
            new NpgsqlParameter("query_vector", ChunkSearch.VectorLiteral(vector)));

    public async Task<string> ExplainVectorAsync(float[] vector, bool exact)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var settings = new NpgsqlCommand(exact ? _annSettings + "; SET LOCAL enable_indexscan = off" : _annSettings, connection, transaction))
        {
            await settings.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand("EXPLAIN " + VectorSql, connection, transaction);
        AddParameters(command, 10, new NpgsqlParameter("query_vector", ChunkSearch.VectorLiteral(vector)));
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        await transaction.CommitAsync();
        return string.Join('\n', plan);
    }

    private async Task<List<Guid>> QueryAsync(string sql, int limit, string? settings, params NpgsqlParameter[] parameters)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        if (settings is not null)
        {
            await using var set = new NpgsqlCommand(settings, connection, transaction);
            await set.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand(sql, connection, transaction);
        AddParameters(command, limit, parameters);
        var ids = new List<Guid>(limit);
        var scores = new List<double>(limit);
        await using (var reader = await command.ExecuteReaderAsync())
        {
            // Every column the module reads, read the same way (its metadata JSON is parsed there, not here).
            while (await reader.ReadAsync())
            {
                ids.Add(reader.GetGuid(0));
                _ = reader.GetGuid(1);
                _ = reader.GetGuid(2);
                _ = reader.IsDBNull(3) ? null : reader.GetString(3);
                _ = reader.IsDBNull(4) ? null : reader.GetString(4);
                _ = reader.GetString(5);
                _ = reader.GetString(6);
                scores.Add(reader.GetDouble(7));
            }
        }

        LastScores = scores;

        await transaction.CommitAsync();
        return ids;
    }

    private void AddParameters(NpgsqlCommand command, int limit, params NpgsqlParameter[] parameters)
    {
        command.Parameters.Add(new NpgsqlParameter("collections", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = new[] { collectionId } });
        command.Parameters.Add(new NpgsqlParameter("limit", limit));
        command.Parameters.AddRange(parameters);
    }

    public static List<Guid> Fuse(List<Guid> vector, List<Guid> keyword, int topK)
    {
        var scores = new Dictionary<Guid, double>();
        foreach (var list in new[] { vector, keyword })
        {
            for (var rank = 0; rank < list.Count; rank++)
            {
                scores[list[rank]] = scores.GetValueOrDefault(list[rank]) + (1.0 / (RrfK + rank + 1));
            }
        }

        return [.. scores.OrderByDescending(pair => pair.Value).Take(topK).Select(pair => pair.Key)];
    }
}
