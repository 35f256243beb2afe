using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Monolith.BuildingBlocks.Application;
using Monolith.Modules.Embeddings.Contracts;
using Monolith.Modules.Embeddings.Data;
using Monolith.Modules.Embeddings.Models;
using Npgsql;

namespace Monolith.Modules.Embeddings;

/// <summary>
/// Embeds texts through the cache: texts already embedded with the same model (and dimensions) come
/// from the <c>embeddings.cache</c> table bit for bit (search queries: from <see cref="QueryEmbeddingCache"/>,
/// in memory); only the rest reach the model, in one batch. Shared by the HTTP API and the contract other modules use.
/// </summary>
internal sealed class EmbeddingService(EmbeddingsDbContext db, IOptions<EmbeddingsOptions> options, TimeProvider clock, QueryEmbeddingCache queries)
{
    public async Task<EmbeddingBatch> EmbedAsync(
        EmbeddingModel model, IReadOnlyList<string> texts, EmbeddingPurpose purpose, int? dimensions, CancellationToken cancellationToken)
    {
        // The native size is no shortening: not sent upstream, where models without the parameter reject it.
        dimensions = dimensions == model.Dimensions ? null : dimensions;
        var modelKey = dimensions is null ? model.Name : $"{model.Name}@{dimensions}";
        var prepared = texts.Select(text => model.Prepare(text, purpose)).ToArray();
        var hashes = prepared.Select(text => SHA256.HashData(Encoding.UTF8.GetBytes(text))).ToArray();
        var distinctHashes = hashes.Select(Convert.ToHexString).Distinct().Select(Convert.FromHexString).ToArray();

        var cache = !options.Value.Cache ? CacheStore.None : purpose == EmbeddingPurpose.Query ? CacheStore.Memory : CacheStore.Table;
        var cached = cache switch
        {
            CacheStore.Table => await db.Cache.AsNoTracking()
                .Where(c => c.ModelKey == modelKey && distinctHashes.Contains(c.TextHash))
                .ToDictionaryAsync(c => Convert.ToHexString(c.TextHash), cancellationToken),
            CacheStore.Memory => queries.Find(modelKey, distinctHashes.Select(Convert.ToHexString)),
            _ => [],
        };

        var misses = new Dictionary<string, int>(); // hash → index of the first text with it
        for (var i = 0; i < prepared.Length; i++)
        {
            var key = Convert.ToHexString(hashes[i]);
            if (!cached.ContainsKey(key))
            {
                misses.TryAdd(key, i);
            }
        }

        var computed = misses.Count == 0
            ? new Dictionary<string, CachedEmbedding>()
            : await ComputeAsync(model, modelKey, dimensions, misses, prepared, hashes, cache, cancellationToken);

        var vectors = new float[texts.Count][];
        var tokens = 0;
        for (var i = 0; i < prepared.Length; i++)
        {
            var key = Convert.ToHexString(hashes[i]);
            var entry = cached.TryGetValue(key, out var hit) ? hit : computed[key];
            vectors[i] = MemoryMarshal.Cast<byte, float>(entry.Vector).ToArray();
            tokens += entry.TokenCount;
        }

        return new EmbeddingBatch(vectors, tokens, dimensions ?? model.Dimensions);
    }

    private async Task<Dictionary<string, CachedEmbedding>> ComputeAsync(
        EmbeddingModel model, string modelKey, int? dimensions, Dictionary<string, int> misses, string[] prepared, byte[][] hashes,
        CacheStore cache, CancellationToken cancellationToken)
    {
        var indexes = misses.Values.ToArray();
        var inputs = indexes.Select(i => prepared[i]).ToArray();
        var generated = await GenerateAsync(model, inputs, dimensions, cancellationToken);
        var tokens = TokensPerText(model, inputs, generated.Usage?.InputTokenCount);

        var now = clock.GetUtcNow();
        var entries = new Dictionary<string, CachedEmbedding>();
        for (var j = 0; j < indexes.Length; j++)
        {
            var vector = generated[j].Vector.ToArray();
            entries[Convert.ToHexString(hashes[indexes[j]])] = new CachedEmbedding
            {
                ModelKey = modelKey,
                TextHash = hashes[indexes[j]],
                Vector = MemoryMarshal.AsBytes(vector.AsSpan()).ToArray(),
                TokenCount = tokens[j],
                CreatedAt = now,
            };
        }

        if (cache == CacheStore.Memory)
        {
            queries.Add(entries.Values);
        }

        if (cache != CacheStore.Table)
        {
            return entries;
        }

        // A concurrent request may have cached the same text meanwhile: keep the first, both are equal.
        await db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO embeddings.cache (model_key, text_hash, vector, token_count, created_at)
            SELECT @model_key, h, v, t, @created_at FROM unnest(@hashes, @vectors, @tokens) AS x(h, v, t)
            ON CONFLICT DO NOTHING
            """,
            [
                new NpgsqlParameter("model_key", modelKey),
                new NpgsqlParameter("created_at", now),
                new NpgsqlParameter("hashes", entries.Values.Select(e => e.TextHash).ToArray()),
                new NpgsqlParameter("vectors", entries.Values.Select(e => e.Vector).ToArray()),
                new NpgsqlParameter("tokens", entries.Values.Select(e => e.TokenCount).ToArray()),
            ],
            cancellationToken);
        return entries;
    }

    private static async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        EmbeddingModel model, string[] inputs, int? dimensions, CancellationToken cancellationToken)
    {
        try
        {
            var generated = await model.Generator.GenerateAsync(inputs, new EmbeddingGenerationOptions { Dimensions = dimensions }, cancellationToken);
            return generated.Count == inputs.Length && generated.All(e => e.Vector.Length == (dimensions ?? model.Dimensions))
                ? generated
                : throw UpstreamProblem.Garbled(model.Name);
        }
        catch (Exception exception) when (UpstreamProblem.For(model.Name, exception, cancellationToken) is { } problem)
        {
            throw problem;
        }
    }

    /// <summary>Exact counts from our tokenizer; for upstream models their total, shared out by text length.</summary>
    private static int[] TokensPerText(EmbeddingModel model, string[] inputs, long? upstreamTotal)
    {
        if (model.CountTokens is { } count)
        {
            return inputs.Select(count).ToArray();
        }

        var totalChars = Math.Max(1, inputs.Sum(text => (long)text.Length));
        var total = upstreamTotal ?? totalChars / 4;
        var shares = inputs.Select(text => (int)Math.Max(1, total * text.Length / totalChars)).ToArray();
        shares[^1] += (int)Math.Max(0, total - shares.Sum()); // rounding down lost up to a token per text
        return shares;
    }
}

internal sealed record EmbeddingBatch(float[][] Vectors, int TokenCount, int Dimensions);

/// <summary>Where <see cref="EmbeddingService"/> looks texts up and keeps new ones.</summary>
internal enum CacheStore
{
    None,
    Table,
    Memory,
}
