using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Monolith.Modules.Embeddings.Data;

namespace Monolith.Modules.Embeddings;

/// <summary>
/// Search queries' embeddings, in this process's memory (at most <c>Embeddings:QueryCacheEntries</c>, default 10,000,
/// ≈ 1.6 KB each for MiniLM). Most queries are new, so looking each one up in <c>embeddings.cache</c> and storing it
/// there cost two database round trips per search for rare hits; a repeated query is served from memory instead,
/// bit for bit. Not shared between replicas, and empty after a restart: a miss costs one model run.
/// </summary>
internal sealed class QueryEmbeddingCache(IOptions<EmbeddingsOptions> options) : IDisposable
{
    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = Math.Max(1, options.Value.QueryCacheEntries) });

    /// <summary>The cached entries among <paramref name="hashes"/> (hex SHA-256 of the prepared texts), by hash.</summary>
    public Dictionary<string, CachedEmbedding> Find(string modelKey, IEnumerable<string> hashes)
    {
        var found = new Dictionary<string, CachedEmbedding>();
        foreach (var hash in hashes)
        {
            if (_entries.TryGetValue(Key(modelKey, hash), out CachedEmbedding? entry) && entry is not null)
            {
                found[hash] = entry;
            }
        }

        return found;
    }

    public void Add(IEnumerable<CachedEmbedding> entries)
    {
        foreach (var entry in entries)
        {
            _entries.Set(Key(entry.ModelKey, Convert.ToHexString(entry.TextHash)), entry, new MemoryCacheEntryOptions { Size = 1 });
        }
    }

    public void Dispose() => _entries.Dispose();

    private static string Key(string modelKey, string hash) => modelKey + "\n" + hash;
}
