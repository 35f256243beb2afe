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
#pragma warning disable EF1002 // dimensions is a validated int, not user text
        await db.Database.ExecuteSqlRawAsync(
            $"""
            CREATE INDEX IF NOT EXISTS {IndexName(dimensions)} ON search.chunks
            USING hnsw ((embedding::vector({dimensions})) vector_cosine_ops) WHERE dimensions = {dimensions}
            """,
            cancellationToken);
#pragma warning restore EF1002
        _ensured[dimensions] = true;
    }
}
