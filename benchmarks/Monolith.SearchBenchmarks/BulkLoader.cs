using System.Diagnostics;
using System.Threading.Channels;
using Monolith.Modules.Embeddings.LocalModel;
using Npgsql;
using NpgsqlTypes;
using Pgvector;

namespace Monolith.SearchBenchmarks;

internal sealed record BulkResult(int Documents, int Chunks, long Tokens, TimeSpan Elapsed, TimeSpan Embedding, TimeSpan Copying, Dictionary<string, int> ChunksBySource);

/// <summary>
/// Fills a collection past what HTTP ingestion can do in the time: real MiniLM embeddings of each chunk (batches of
/// 256 texts, one thread of calls as the host's batcher makes them), written with binary COPY into
/// <c>search.documents</c> (status Indexed) and <c>search.chunks</c> as the indexing handler would write them.
/// Embedding and writing overlap; writing takes a transaction per flush of about 4,000 chunks.
/// </summary>
internal static class BulkLoader
{
    private const int EmbedBatch = 256;
    private const int FlushChunks = 4_096;

    public static async Task<BulkResult> LoadAsync(
        NpgsqlDataSource dataSource, MiniLmEmbedder embedder, Guid collectionId, Guid ownerId,
        IEnumerable<BulkDocument> documents, int targetChunks, TimeSpan budget, Action<string> progress)
    {
        var clock = Stopwatch.StartNew();
        var queue = Channel.CreateBounded<(List<BulkDocument> Documents, float[][] Vectors, int[] Tokens)>(4);
        var embedding = TimeSpan.Zero;

        var producer = Task.Factory.StartNew(() =>
        {
            try
            {
                var produced = 0;
                var batch = new List<BulkDocument>();
                var texts = new List<string>();
                using var source = documents.GetEnumerator();
                while (produced < targetChunks && clock.Elapsed < budget && source.MoveNext())
                {
                    var document = source.Current;
                    var take = Math.Min(document.Chunks.Count, targetChunks - produced - texts.Count);
                    if (take <= 0)
                    {
                        break;
                    }

                    document = document with { Chunks = document.Chunks.Take(take).ToList() };
                    batch.Add(document);
                    texts.AddRange(document.Chunks);
                    if (texts.Count >= EmbedBatch || produced + texts.Count >= targetChunks)
                    {
                        produced += Send();
                    }
                }

                if (texts.Count > 0)
                {
                    produced += Send();
                }

                int Send()
                {
                    var started = Stopwatch.GetTimestamp();
                    var vectors = embedder.Embed(texts);
                    var tokens = texts.Select(embedder.CountTokens).ToArray();
                    embedding += Stopwatch.GetElapsedTime(started);
                    if (!queue.Writer.TryWrite((batch, vectors, tokens)))
                    {
                        queue.Writer.WriteAsync((batch, vectors, tokens)).AsTask().GetAwaiter().GetResult();
                    }

                    var sent = texts.Count;
                    batch = [];
                    texts = [];
                    return sent;
                }
            }
            finally
            {
                queue.Writer.Complete();
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        var copying = TimeSpan.Zero;
        int documentCount = 0, chunkCount = 0;
        long tokenCount = 0;
        var bySource = new Dictionary<string, int>(StringComparer.Ordinal);
        var pending = new List<(BulkDocument Document, float[][] Vectors, int[] Tokens)>();
        var pendingChunks = 0;
        var lastReport = TimeSpan.Zero;
        await foreach (var (batch, vectors, tokens) in queue.Reader.ReadAllAsync())
        {
            var offset = 0;
            foreach (var document in batch)
            {
                var count = document.Chunks.Count;
                pending.Add((document, vectors[offset..(offset + count)], tokens[offset..(offset + count)]));
                offset += count;
                pendingChunks += count;
            }

            if (pendingChunks >= FlushChunks)
            {
                await FlushAsync();
            }

            if (clock.Elapsed - lastReport > TimeSpan.FromSeconds(30))
            {
                lastReport = clock.Elapsed;
                progress($"bulk: {chunkCount + pendingChunks:N0} chunks after {clock.Elapsed.TotalSeconds:N0} s (load {Machine.LoadAverage()})");
            }
        }

        await FlushAsync();
        await producer;
        return new BulkResult(documentCount, chunkCount, tokenCount, clock.Elapsed, embedding, copying, bySource);

        async Task FlushAsync()
        {
            if (pending.Count == 0)
            {
                return;
            }

            var started = Stopwatch.GetTimestamp();
            var now = DateTimeOffset.UtcNow;
            await using var connection = await dataSource.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            var ids = pending.Select(_ => Guid.CreateVersion7()).ToArray();
            await using (var writer = await connection.BeginBinaryImportAsync(
                "COPY search.documents (id, collection_id, owner_id, title, text, metadata, status, chunk_count, created_at, indexed_at) FROM STDIN (FORMAT BINARY)"))
            {
                for (var d = 0; d < pending.Count; d++)
                {
                    var document = pending[d].Document;
                    await writer.StartRowAsync();
                    await writer.WriteAsync(ids[d], NpgsqlDbType.Uuid);
                    await writer.WriteAsync(collectionId, NpgsqlDbType.Uuid);
                    await writer.WriteAsync(ownerId, NpgsqlDbType.Uuid);
                    await writer.WriteAsync(document.Title, NpgsqlDbType.Varchar);
                    await writer.WriteAsync(string.Join("\n\n", document.Chunks), NpgsqlDbType.Text);
                    await writer.WriteAsync(Metadata(document.Source), NpgsqlDbType.Jsonb);
                    await writer.WriteAsync("Indexed", NpgsqlDbType.Varchar);
                    await writer.WriteAsync(document.Chunks.Count, NpgsqlDbType.Integer);
                    await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
                    await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
                }

                await writer.CompleteAsync();
            }

            await using (var writer = await connection.BeginBinaryImportAsync(
                "COPY search.chunks (id, document_id, collection_id, owner_id, position, text, title, token_count, embedding, dimensions, metadata) FROM STDIN (FORMAT BINARY)"))
            {
                for (var d = 0; d < pending.Count; d++)
                {
                    var (document, vectors, tokens) = pending[d];
                    for (var position = 0; position < document.Chunks.Count; position++)
                    {
                        await writer.StartRowAsync();
                        await writer.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                        await writer.WriteAsync(ids[d], NpgsqlDbType.Uuid);
                        await writer.WriteAsync(collectionId, NpgsqlDbType.Uuid);
                        await writer.WriteAsync(ownerId, NpgsqlDbType.Uuid);
                        await writer.WriteAsync(position, NpgsqlDbType.Integer);
                        await writer.WriteAsync(document.Chunks[position], NpgsqlDbType.Text);
                        await writer.WriteAsync(document.Title, NpgsqlDbType.Varchar);
                        await writer.WriteAsync(tokens[position], NpgsqlDbType.Integer);
                        await writer.WriteAsync(new Vector(vectors[position]), "vector");
                        await writer.WriteAsync(vectors[position].Length, NpgsqlDbType.Integer);
                        await writer.WriteAsync(Metadata(document.Source), NpgsqlDbType.Jsonb);
                        tokenCount += tokens[position];
                    }

                    bySource[document.Source] = bySource.GetValueOrDefault(document.Source) + document.Chunks.Count;
                }

                await writer.CompleteAsync();
            }

            await transaction.CommitAsync();
            documentCount += pending.Count;
            chunkCount += pendingChunks;
            pending.Clear();
            pendingChunks = 0;
            copying += Stopwatch.GetElapsedTime(started);
        }
    }

    private static string Metadata(string source) => $$"""{"source":"{{source}}"}""";
}
