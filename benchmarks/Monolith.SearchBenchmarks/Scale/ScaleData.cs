using System.Text.Json;
using Monolith.Modules.Embeddings.LocalModel;
using Monolith.SearchBenchmarks.Beir;
using Npgsql;
using NpgsqlTypes;
using Pgvector;

namespace Monolith.SearchBenchmarks.Scale;

internal sealed record RealChunk(string ExternalId, string Text, string? Title, float[] Embedding);

internal sealed record ScaleText(string Source, string Text, string? Title, float[] Embedding);

/// <summary>
/// The data of the scale benchmarks: real NFCorpus chunks with their real MiniLM embeddings (from the kept
/// <c>beir_nfcorpus</c> database), real texts with synthesized embeddings, and binary COPY into the module's tables.
/// </summary>
internal static class ScaleData
{
    private const double NoisePerDimension = 0.03; // cosine to its source ≈ 0.86
    private const int FlushChunks = 5_000;

    public static async Task<List<RealChunk>> RealChunksAsync(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.UseVector();
        await using var dataSource = builder.Build();
        await using var command = dataSource.CreateCommand(
            "SELECT d.external_id, c.text, c.title, c.embedding FROM search.chunks c JOIN search.documents d ON d.id = c.document_id ORDER BY c.id");
        await using var reader = await command.ExecuteReaderAsync();
        var chunks = new List<RealChunk>();
        while (await reader.ReadAsync())
        {
            chunks.Add(new RealChunk(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetFieldValue<Vector>(3).ToArray()));
        }

        return chunks.Count > 0 ? chunks : throw new InvalidOperationException("beir_nfcorpus has no chunks: run the beir benchmark first.");
    }

    /// <summary>The real chunks, then 40-word windows (stride 20) of every NFCorpus document, then .NET documentation texts; shuffled, so every stage is a sample of the same mix.</summary>
    public static List<ScaleText> Texts(BeirDataset dataset, List<RealChunk> sources, Corpus corpus, int count)
    {
        var random = new Random(20261201);
        var byDocument = sources.GroupBy(s => s.ExternalId).ToDictionary(g => g.Key, g => g.First().Embedding);
        var texts = sources.Select(s => new ScaleText("nfcorpus chunk (real embedding)", s.Text, s.Title, s.Embedding)).ToList();
        foreach (var document in dataset.Corpus)
        {
            var words = (document.Title + " " + document.Text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (var start = 0; start + 20 < words.Length && texts.Count < count; start += 20)
            {
                var source = byDocument.GetValueOrDefault(document.Id) ?? sources[random.Next(sources.Count)].Embedding;
                texts.Add(new ScaleText("nfcorpus window", string.Join(' ', words.Skip(start).Take(40)), document.Title, Perturb(source, random)));
            }
        }

        foreach (var document in corpus.BulkDocuments(maxCharacters: 300).TakeWhile(d => d.Source == "dotnet-docs"))
        {
            foreach (var text in document.Chunks.TakeWhile(_ => texts.Count < count))
            {
                texts.Add(new ScaleText("dotnet docs", text, document.Title, Perturb(sources[random.Next(sources.Count)].Embedding, random)));
            }

            if (texts.Count >= count)
            {
                break;
            }
        }

        if (texts.Count < count)
        {
            throw new InvalidOperationException($"Only {texts.Count:N0} real texts for {count:N0} chunks.");
        }

        return [.. texts.OrderBy(_ => random.Next())];
    }

    private static float[] Perturb(float[] source, Random random)
    {
        var vector = new float[source.Length];
        double norm = 0;
        for (var i = 0; i < vector.Length; i++)
        {
            // Box-Muller: one standard normal sample per dimension.
            var gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            vector[i] = (float)(source[i] + (NoisePerDimension * gaussian));
            norm += vector[i] * vector[i];
        }

        var scale = (float)(1 / Math.Sqrt(norm));
        return [.. vector.Select(value => value * scale)];
    }

    /// <summary>
    /// Only real embeddings: the real NFCorpus chunks, then .NET documentation texts (≤ 300 characters) embedded here by
    /// the model in batches of 32; shuffled. Costs the model's time (≈ 5 ms of CPU per text), so use it at a scale
    /// that fits.
    /// </summary>
    public static List<ScaleText> RealTexts(List<RealChunk> sources, Corpus corpus, MiniLmEmbedder embedder, int count)
    {
        var random = new Random(20261201);
        var texts = sources.Take(count).Select(s => new ScaleText("nfcorpus chunk (real embedding)", s.Text, s.Title, s.Embedding)).ToList();
        var pending = corpus.BulkDocuments(maxCharacters: 300).TakeWhile(d => d.Source == "dotnet-docs")
            .SelectMany(d => d.Chunks.Select(text => (d.Title, Text: text))).Take(count - texts.Count).ToList();
        foreach (var batch in pending.Chunk(32))
        {
            var vectors = embedder.Embed([.. batch.Select(b => b.Text)]);
            texts.AddRange(batch.Select((b, i) => new ScaleText("dotnet docs (real embedding)", b.Text, b.Title, vectors[i])));
        }

        return texts.Count == count
            ? [.. texts.OrderBy(_ => random.Next())]
            : throw new InvalidOperationException($"Only {texts.Count:N0} real texts for {count:N0} chunks.");
    }

    /// <summary>One document per chunk, as the indexing handler writes them, in transactions of <see cref="FlushChunks"/>.</summary>
    public static async Task CopyAsync(NpgsqlDataSource dataSource, Guid collectionId, Guid ownerId, List<ScaleText> texts)
    {
        foreach (var batch in texts.Chunk(FlushChunks))
        {
            await CopyAsync(dataSource, collectionId, ownerId, batch, chunks: null);
        }
    }

    /// <summary>Documents in one transaction; each is its own one chunk, or all of <paramref name="chunks"/> belong to the single document.</summary>
    public static async Task CopyAsync(NpgsqlDataSource dataSource, Guid collectionId, Guid ownerId, ScaleText[] batch, List<ScaleText>? chunks)
    {
        var now = DateTimeOffset.UtcNow;
        var ids = batch.Select(_ => Guid.CreateVersion7()).ToArray();
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY search.documents (id, collection_id, owner_id, title, text, metadata, status, chunk_count, created_at, indexed_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < batch.Length; i++)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(ids[i], NpgsqlDbType.Uuid);
                await writer.WriteAsync(collectionId, NpgsqlDbType.Uuid);
                await writer.WriteAsync(ownerId, NpgsqlDbType.Uuid);
                await writer.WriteAsync(batch[i].Title, NpgsqlDbType.Varchar);
                await writer.WriteAsync(batch[i].Text, NpgsqlDbType.Text);
                await writer.WriteAsync(JsonSerializer.Serialize(new { source = batch[i].Source }), NpgsqlDbType.Jsonb);
                await writer.WriteAsync("Indexed", NpgsqlDbType.Varchar);
                await writer.WriteAsync(chunks?.Count ?? 1, NpgsqlDbType.Integer);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
            }

            await writer.CompleteAsync();
        }

        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY search.chunks (id, document_id, collection_id, owner_id, position, text, title, token_count, embedding, dimensions, metadata) FROM STDIN (FORMAT BINARY)"))
        {
            var rows = chunks is null ? batch.Select((text, i) => (Document: ids[i], Position: 0, Text: text)) : chunks.Select((text, i) => (Document: ids[0], Position: i, Text: text));
            foreach (var (document, position, text) in rows)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                await writer.WriteAsync(document, NpgsqlDbType.Uuid);
                await writer.WriteAsync(collectionId, NpgsqlDbType.Uuid);
                await writer.WriteAsync(ownerId, NpgsqlDbType.Uuid);
                await writer.WriteAsync(position, NpgsqlDbType.Integer);
                await writer.WriteAsync(text.Text, NpgsqlDbType.Text);
                await writer.WriteAsync(text.Title, NpgsqlDbType.Varchar);
                await writer.WriteAsync(text.Text.Split(' ').Length, NpgsqlDbType.Integer); // bookkeeping only: words, not model tokens
                await writer.WriteAsync(new Vector(text.Embedding), "vector");
                await writer.WriteAsync(text.Embedding.Length, NpgsqlDbType.Integer);
                await writer.WriteAsync(JsonSerializer.Serialize(new { source = text.Source }), NpgsqlDbType.Jsonb);
            }

            await writer.CompleteAsync();
        }

        await transaction.CommitAsync();
    }

    public static async Task<T> ScalarAsync<T>(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
