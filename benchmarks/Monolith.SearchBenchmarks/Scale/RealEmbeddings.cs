using System.Diagnostics;
using System.Globalization;
using Monolith.Modules.Embeddings.LocalModel;
using Monolith.SearchBenchmarks.Beir;
using Npgsql;
using NpgsqlTypes;
using Pgvector;
using static Monolith.SearchBenchmarks.ProgramSupport;

namespace Monolith.SearchBenchmarks.Scale;

/// <summary>
/// Real MiniLM embeddings of the scale mix's texts, kept in the database <c>scale_embeddings</c> (kept, like
/// <c>beir_nfcorpus</c>): embedding 100k texts costs the model tens of minutes on this machine, so it is paid once,
/// in runs of a bounded time (<c>embed --minutes M</c>) that resume where the last one stopped. <c>--data real</c>
/// then gives every text of the mix its own real embedding instead of a synthesized one.
/// </summary>
internal static class RealEmbeddings
{
    private const string Database = "scale_embeddings";
    private const int ModelBatch = 32;
    private const int WriteBatch = 1_024;
    private const int MixSize = 107_200; // the recall benchmark's 100k chunks and its small collections

    /// <summary><c>embed [--chunks 107200] [--minutes 12]</c>: the mix of that many texts, embedded as far as the time allows.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var chunks = int.Parse(Arguments.Value(args, "--chunks") ?? MixSize.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var minutes = double.Parse(Arguments.Value(args, "--minutes") ?? "12", CultureInfo.InvariantCulture);
        var server = Arguments.Value(args, "--connection") ?? BenchmarkOptions.DefaultConnectionString;
        var repoRoot = FindRepoRoot();
        var dataset = BeirDataset.Load(Path.Combine(repoRoot, "../shared/datasets/nfcorpus"));
        var sources = await ScaleData.RealChunksAsync(new NpgsqlConnectionStringBuilder(server) { Database = "beir_nfcorpus" }.ConnectionString);
        using var embedder = new MiniLmEmbedder();
        var left = await FillAsync(server, ScaleData.Texts(dataset, sources, Corpus.Load(repoRoot), chunks), embedder, TimeSpan.FromMinutes(minutes));
        Log(left == 0 ? "all texts have their real embedding" : $"{left:N0} texts still to embed: run embed again");
        return 0;
    }

    /// <summary>Embeds the texts not yet kept (those without a real embedding), until done or <paramref name="budget"/> is spent; returns how many are still missing.</summary>
    public static async Task<int> FillAsync(string server, IReadOnlyList<ScaleText> texts, MiniLmEmbedder embedder, TimeSpan budget)
    {
        await using var dataSource = await OpenAsync(server);
        var kept = await LoadAsync(dataSource);
        var missing = texts.Where(t => !t.HasRealEmbedding && !kept.ContainsKey(t.Text)).Select(t => t.Text).Distinct().ToList();
        Log($"{kept.Count:N0} real embeddings kept, {missing.Count:N0} to embed");
        var clock = Stopwatch.StartNew();
        var done = 0;
        foreach (var batch in missing.Chunk(WriteBatch))
        {
            if (clock.Elapsed > budget)
            {
                break;
            }

            var vectors = batch.Chunk(ModelBatch).SelectMany(texts => embedder.Embed(texts)).ToList();
            await using (var connection = await dataSource.OpenConnectionAsync())
            await using (var writer = await connection.BeginBinaryImportAsync("COPY embeddings (text, embedding) FROM STDIN (FORMAT BINARY)"))
            {
                for (var i = 0; i < batch.Length; i++)
                {
                    await writer.StartRowAsync();
                    await writer.WriteAsync(batch[i], NpgsqlDbType.Text);
                    await writer.WriteAsync(new Vector(vectors[i]), "vector");
                }

                await writer.CompleteAsync();
            }

            done += batch.Length;
            Log($"embedded {done:N0} of {missing.Count:N0} ({done / clock.Elapsed.TotalSeconds:N1} texts/s)");
        }

        return missing.Count - done;
    }

    /// <summary>
    /// <paramref name="count"/> texts of the mix with real embeddings only: those whose real embedding is kept (it replaces the
    /// synthesized one) and the real NFCorpus chunks, in the mix's shuffled order, so a partly embedded mix gives a sample of it.
    /// <paramref name="synthesizedTwin"/>: the same texts with the mix's synthesized embeddings instead, to tell what
    /// synthesizing does to a measurement on exactly the same texts.
    /// </summary>
    public static async Task<List<ScaleText>> TextsAsync(string server, BeirDataset dataset, List<RealChunk> sources, Corpus corpus, int count, bool synthesizedTwin = false)
    {
        await using var dataSource = await OpenAsync(server);
        var kept = await LoadAsync(dataSource);
        var real = ScaleData.Texts(dataset, sources, corpus, MixSize)
            .Select(t => t.HasRealEmbedding ? t : !kept.TryGetValue(t.Text, out var embedding) ? null
                : synthesizedTwin ? t : t with { Source = t.Source + " (real embedding)", Embedding = embedding, HasRealEmbedding = true })
            .OfType<ScaleText>().Take(count).ToList();
        return real.Count == count
            ? real
            : throw new InvalidOperationException($"Only {real.Count:N0} texts have a real embedding in {Database}, {count:N0} asked: run `embed` again.");
    }

    private static async Task<NpgsqlDataSource> OpenAsync(string server)
    {
        var exists = false;
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"SELECT 1 FROM pg_database WHERE datname = '{Database}'", connection);
            exists = await command.ExecuteScalarAsync() is not null;
        }

        if (!exists)
        {
            await ExecuteAsync(server, $"CREATE DATABASE {Database}");
        }

        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = Database }.ConnectionString;
        await ExecuteAsync(connectionString, "CREATE EXTENSION IF NOT EXISTS vector; CREATE TABLE IF NOT EXISTS embeddings (text text PRIMARY KEY, embedding vector(384) NOT NULL)");
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.UseVector();
        return builder.Build();
    }

    private static async Task<Dictionary<string, float[]>> LoadAsync(NpgsqlDataSource dataSource)
    {
        var kept = new Dictionary<string, float[]>(StringComparer.Ordinal);
        await using var command = dataSource.CreateCommand("SELECT text, embedding FROM embeddings");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            kept[reader.GetString(0)] = reader.GetFieldValue<Vector>(1).ToArray();
        }

        return kept;
    }

    private static void Log(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}
