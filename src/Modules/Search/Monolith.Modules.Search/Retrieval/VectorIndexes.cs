using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Monolith.Modules.Search.Data;

namespace Monolith.Modules.Search.Retrieval;

/// <summary>
/// One HNSW index per vector dimension: <c>embedding</c> is an untyped vector column (collections
/// of different models share the table), so each dimension gets a partial expression index on
/// <c>embedding::vector(N)</c> as pgvector documents, and queries use the same expression.
/// </summary>
internal sealed class VectorIndexes(IServiceScopeFactory scopes)
{
    private readonly ConcurrentDictionary<int, bool> _ensured = new();

    public static string IndexName(int dimensions) => $"ix_chunks_embedding_hnsw_{dimensions}";

    public async Task EnsureAsync(int dimensions, CancellationToken cancellationToken)
    {
        if (dimensions is < 1 or > 16_000 || _ensured.ContainsKey(dimensions))
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SearchDbContext>();
        // IF NOT EXISTS does not make two creations at once safe: the first collections of a dimension created
        // together both build the index and one fails (23505 on pg_class). A lock on the index name orders them.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({SearchDbContext.Schema}), hashtext({IndexName(dimensions)}))", cancellationToken);
#pragma warning disable EF1002 // dimensions is a validated int, not user text
        await db.Database.ExecuteSqlRawAsync(
            $"""
            CREATE INDEX IF NOT EXISTS {IndexName(dimensions)} ON search.chunks
            USING hnsw ((embedding::vector({dimensions})) vector_cosine_ops) WHERE dimensions = {dimensions}
            """,
            cancellationToken);
#pragma warning restore EF1002
        await transaction.CommitAsync(cancellationToken);
        _ensured[dimensions] = true;
    }
}
