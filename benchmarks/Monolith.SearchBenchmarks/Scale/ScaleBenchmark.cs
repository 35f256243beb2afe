using System.Diagnostics;
using System.Globalization;
using System.Text;
using Monolith.Modules.Embeddings.LocalModel;
using Monolith.Modules.Search;
using Monolith.SearchBenchmarks.Beir;
using Npgsql;
using static Monolith.SearchBenchmarks.ProgramSupport;
using static Monolith.SearchBenchmarks.Scale.ScaleData;

namespace Monolith.SearchBenchmarks.Scale;

/// <summary>
/// Search latency by mode as a collection grows (results: docs/benchmarks.md, "Search at 100k chunks"): one collection
/// filled in stages (default 10k, then 100k chunks) by binary COPY, so the BM25 triggers build postings and statistics as
/// for any insert; at each stage vector, keyword and hybrid searches take turns over the HTTP API, and the HNSW index's
/// recall@10 is measured against an exact scan. Texts are real; embeddings are the real MiniLM ones of the NFCorpus
/// chunks in the kept <c>beir_nfcorpus</c> database and, for the other texts, synthesized: the real embedding of a chunk
/// of the same NFCorpus document (.NET documentation texts: of a random chunk) plus Gaussian noise, normalised;
/// with <c>--data real</c> every text's own real embedding, kept by <see cref="RealEmbeddings"/>.
/// </summary>
internal static class ScaleBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var stages = Arguments.Value(args, "--stages")?.Split(',').Select(int.Parse).ToArray() ?? [10_000, 100_000];
        var queriesPerMode = int.Parse(Arguments.Value(args, "--queries") ?? "200", CultureInfo.InvariantCulture);
        var recallQueries = int.Parse(Arguments.Value(args, "--recall-queries") ?? "100", CultureInfo.InvariantCulture);
        var server = Arguments.Value(args, "--connection") ?? BenchmarkOptions.DefaultConnectionString;
        var output = Arguments.Value(args, "--output");
        var baselineDll = Arguments.Value(args, "--baseline-host");

        var repoRoot = FindRepoRoot();
        var hostDll = Path.Combine(repoRoot, "src", "Host", "bin", "Release", "net10.0", "Monolith.Host.dll");
        var dataset = BeirDataset.Load(Path.Combine(repoRoot, "../shared/datasets/nfcorpus"));
        var sources = await RealChunksAsync(new NpgsqlConnectionStringBuilder(server) { Database = "beir_nfcorpus" }.ConnectionString);
        Log($"{sources.Count:N0} real NFCorpus chunks with their embeddings");
        var texts = Arguments.Value(args, "--data") == "real"
            ? await RealEmbeddings.TextsAsync(server, dataset, sources, Corpus.Load(repoRoot), stages.Max())
            : Texts(dataset, sources, Corpus.Load(repoRoot), stages.Max());
        Log($"{texts.Count:N0} texts: {string.Join(", ", texts.GroupBy(t => t.Source).Select(g => $"{g.Key} {g.Count():N0}"))}");

        var database = "scalebench_" + Guid.NewGuid().ToString("N")[..12];
        var connection = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        await ExecuteAsync(server, $"CREATE DATABASE {database}");
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:u}, {Environment.ProcessorCount} cores ({Machine.CpuModel()}), {Machine.MemoryGiB():N0} GiB; load average before {Machine.LoadAverage()}");
        report.AppendLine();
        report.AppendLine("| chunks | mode | queries | API p50 | API p95 | p50 / vector | p95 / vector | tookMs p50 | tookMs p95 | load after |");
        report.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---|");
        var recallReport = new StringBuilder();
        var versusRaw = new StringBuilder();
        var contention = "";
        try
        {
            using var host = await HostProcess.StartAsync(hostDll, connection, Directory.CreateTempSubdirectory("scalebench-").FullName);
            using var http = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromMinutes(5) };
            var api = new MonolithApi(http);
            await api.SignUpWithApiKeyAsync();
            var collection = await api.CreateCollectionAsync("scale benchmark");

            // A baseline build on the same database: the same user, key and collection, side by side.
            using var baselineHost = baselineDll is null ? null : await HostProcess.StartAsync(baselineDll, connection, Directory.CreateTempSubdirectory("scalebench-baseline-").FullName);
            using var baselineHttp = baselineHost is null ? null : new HttpClient { BaseAddress = baselineHost.Address, Timeout = TimeSpan.FromMinutes(5) };
            if (baselineHttp is not null)
            {
                baselineHttp.DefaultRequestHeaders.Authorization = http.DefaultRequestHeaders.Authorization;
            }

            var baselineApi = baselineHttp is null ? null : new MonolithApi(baselineHttp);
            var builder = new NpgsqlDataSourceBuilder(connection);
            builder.UseVector();
            await using var dataSource = builder.Build();
            var ownerId = await ScaleData.ScalarAsync<Guid>(dataSource, $"SELECT owner_id FROM search.collections WHERE id = '{collection.Id}'");
            var indexName = $"ix_chunks_embedding_hnsw_{MiniLmEmbedder.Dimensions}";
            var indexDefinition = await ScaleData.ScalarAsync<string>(dataSource, $"SELECT indexdef FROM pg_indexes WHERE schemaname = 'search' AND indexname = '{indexName}'");
            using var embedder = new MiniLmEmbedder();
            var raw = new RawSearch(dataSource, embedder, collection.Id);
            var queries = dataset.Queries.Values.Distinct().OrderBy(q => q.GetHashCode(StringComparison.Ordinal)).ToList();
            var scratch = await api.CreateCollectionAsync("indexing contention");
            contention = await ContentionAsync(dataSource, scratch.Id, ownerId, texts);
            var next = 0;
            var loaded = 0;
            foreach (var stage in stages)
            {
                // A bulk load as one would do it: the HNSW index goes during COPY and is built again after it.
                await ExecuteAsync(connection, $"DROP INDEX IF EXISTS search.{indexName}");
                var copy = Stopwatch.StartNew();
                await CopyAsync(dataSource, collection.Id, ownerId, texts[loaded..stage]);
                var copied = copy.Elapsed;
                var index = Stopwatch.StartNew();
                await ExecuteAsync(connection, $"SET maintenance_work_mem = '1GB'; {indexDefinition}");
                foreach (var table in new[] { "chunks", "postings", "term_statistics", "documents" })
                {
                    await ExecuteAsync(connection, $"VACUUM (ANALYZE) search.{table}"); // one statement each: VACUUM refuses a batch
                }

                var postings = await ScaleData.ScalarAsync<long>(dataSource, "SELECT count(*) FROM search.postings");
                Log($"stage {stage:N0}: {stage - loaded:N0} chunks copied (postings by the triggers) in {copied.TotalSeconds:N1} s, index + analyze {index.Elapsed.TotalSeconds:N1} s, {postings:N0} postings");
                report.AppendLine(CultureInfo.InvariantCulture,
                    $"| {stage:N0} | (load: {stage - loaded:N0} chunks by COPY in {copied.TotalSeconds:N1} s = {(stage - loaded) / copied.TotalSeconds:N0} chunks/s with the BM25 triggers; {postings:N0} postings; HNSW build + VACUUM ANALYZE {index.Elapsed.TotalSeconds:N1} s) | | | | | | | | |");
                loaded = stage;

                string[] modes = ["vector", "keyword", "hybrid"];
                foreach (var mode in modes)
                {
                    for (var i = 0; i < 10; i++)
                    {
                        await api.SearchAsync(collection.Id, MonolithApi.SearchBody(queries[next++], mode, 10));
                    }
                }

                // Side by side: each round gives each mode a query of its own (never cached), in a rotating order.
                var client = modes.ToDictionary(m => m, _ => new List<double>());
                var handler = modes.ToDictionary(m => m, _ => new List<double>());
                for (var round = 0; round < queriesPerMode; round++)
                {
                    for (var k = 0; k < modes.Length; k++)
                    {
                        var mode = modes[(round + k) % modes.Length];
                        var body = MonolithApi.SearchBody(queries[next++ % queries.Count], mode, 10);
                        var started = Stopwatch.GetTimestamp();
                        var bytes = await api.SearchAsync(collection.Id, body);
                        client[mode].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                        handler[mode].Add(MonolithApi.ParseSearch(bytes).TookMs);
                    }
                }

                var load = Machine.LoadAverage();
                foreach (var mode in modes)
                {
                    var line = string.Create(CultureInfo.InvariantCulture,
                        $"| {stage:N0} | {mode} | {client[mode].Count} | {Stats.Percentile(client[mode], 50):F1} ms | {Stats.Percentile(client[mode], 95):F1} ms | **{Stats.Percentile(client[mode], 50) / Stats.Percentile(client["vector"], 50):F2}** | {Stats.Percentile(client[mode], 95) / Stats.Percentile(client["vector"], 95):F2} | {Stats.Percentile(handler[mode], 50):F1} | {Stats.Percentile(handler[mode], 95):F1} | {load} |");
                    report.AppendLine(line);
                    Log(line);
                }

                // Vector search against the same work raw (and the baseline build): fresh queries, 10 warm-up ones first.
                foreach (var warmUp in queries.Skip(next).Take(10))
                {
                    await api.SearchAsync(collection.Id, MonolithApi.SearchBody(warmUp, "vector", 10));
                    await raw.VectorAsync(raw.Embed(warmUp), 10, exact: false);
                    if (baselineApi is not null)
                    {
                        await baselineApi.SearchAsync(collection.Id, MonolithApi.SearchBody(warmUp, "vector", 10));
                    }
                }

                next += 10;
                var sideBySide = queries.Skip(next).Take(queriesPerMode).ToList();
                next += sideBySide.Count;
                var versus = await VectorVersusRaw.MeasureAsync(stage, api, baselineApi, raw, collection.Id, sideBySide);
                versusRaw.Append(versus);
                Log(versus);

                // Recall@10 of the index against an exact scan of the same SQL, at the default ef_search (Search:EfSearch).
                var recalls = new List<double>();
                var annMs = new List<double>();
                var exactMs = new List<double>();
                foreach (var query in queries.Skip(next).Take(recallQueries))
                {
                    var vector = raw.Embed(query);
                    var started = Stopwatch.GetTimestamp();
                    var ann = await raw.VectorAsync(vector, 10, exact: false);
                    annMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    started = Stopwatch.GetTimestamp();
                    var exact = await raw.VectorAsync(vector, 10, exact: true);
                    exactMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    recalls.Add(exact.Count == 0 ? 1 : ann.Intersect(exact).Count() / (double)exact.Count);
                }

                next += recallQueries;
                var recallLine = string.Create(CultureInfo.InvariantCulture,
                    $"| {stage:N0} | {recalls.Count} | **{recalls.Average():F3}** | {recalls.Min():F1} | {Stats.Percentile(annMs, 50):F1} ms | {Stats.Percentile(exactMs, 50):F1} ms | {Machine.LoadAverage()} |");
                recallReport.AppendLine(recallLine);
                Log(recallLine);
            }
        }
        finally
        {
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }

        report.AppendLine();
        report.AppendLine("Concurrent indexing into one collection, BM25 triggers on vs off (DISABLE TRIGGER USER), rounds alternating:");
        report.AppendLine();
        report.AppendLine("| round | triggers | writers | chunks | per transaction | chunks/s | deadlocks retried |");
        report.AppendLine("|---:|---|---:|---:|---:|---:|---:|");
        report.Append(contention);
        report.AppendLine();
        report.AppendLine("Vector search, API against the same work raw (query embedded in this process + the module's SQL), each query to every subject once, order rotating:");
        report.AppendLine();
        report.AppendLine("| chunks | subject | queries | p50 | p95 | p50 ÷ raw | p95 ÷ raw | load after |");
        report.AppendLine("|---:|---|---:|---:|---:|---:|---:|---|");
        report.Append(versusRaw);
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"| chunks | recall queries | HNSW recall@10 (ef_search {new SearchOptions().EfSearch}) | worst query | ANN SQL p50 | exact SQL p50 | load after |");
        report.AppendLine("|---:|---:|---:|---:|---:|---:|---|");
        report.Append(recallReport);
        await BenchmarkReport.PublishAsync(report, output);

        return 0;
    }

    private const int Writers = 4;
    private const int ChunksPerDocument = 10;

    /// <summary>
    /// What the triggers cost when several indexers write one collection at once (every transaction updates the
    /// collection's statistics row and its common terms' rows): <see cref="Writers"/> connections each insert documents
    /// of <see cref="ChunksPerDocument"/> chunks, one transaction per document as the indexing handler does, with the
    /// triggers on and off in alternating rounds. The scratch collection is emptied afterwards.
    /// </summary>
    private static async Task<string> ContentionAsync(NpgsqlDataSource dataSource, Guid collectionId, Guid ownerId, List<ScaleText> texts)
    {
        var lines = new StringBuilder();
        var sample = texts.Take(2_000).ToList();
        for (var round = 1; round <= 4; round++)
        {
            var triggers = round % 2 == 0;
            await ExecuteOnAsync(dataSource, $"ALTER TABLE search.chunks {(triggers ? "ENABLE" : "DISABLE")} TRIGGER USER");
            var deadlocks = 0;
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
            {
                foreach (var document in sample.Where((_, i) => i / ChunksPerDocument % Writers == writer).Chunk(ChunksPerDocument))
                {
                    while (true)
                    {
                        try
                        {
                            await CopyAsync(dataSource, collectionId, ownerId, [new ScaleText("contention", string.Join(' ', document.Select(d => d.Text)), null, document[0].Embedding, document[0].HasRealEmbedding)], document.ToList());
                            break;
                        }
                        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DeadlockDetected)
                        {
                            Interlocked.Increment(ref deadlocks);
                        }
                    }
                }
            })));
            var elapsed = clock.Elapsed;
            lines.AppendLine(CultureInfo.InvariantCulture, $"| {round} | {(triggers ? "on" : "off")} | {Writers} | {sample.Count:N0} | {ChunksPerDocument} | **{sample.Count / elapsed.TotalSeconds:N0}** | {deadlocks} |");
            Log($"contention round {round}, triggers {(triggers ? "on" : "off")}: {sample.Count / elapsed.TotalSeconds:N0} chunks/s, {deadlocks} deadlocks");

            // Emptied without the triggers (half the rounds wrote no statistics), then its statistics by hand.
            await ExecuteOnAsync(dataSource, "ALTER TABLE search.chunks DISABLE TRIGGER USER");
            await ExecuteOnAsync(dataSource, $"DELETE FROM search.documents WHERE collection_id = '{collectionId}'");
            foreach (var table in new[] { "postings", "term_statistics", "collection_statistics" })
            {
                await ExecuteOnAsync(dataSource, $"DELETE FROM search.{table} WHERE collection_id = '{collectionId}'");
            }

            await ExecuteOnAsync(dataSource, "ALTER TABLE search.chunks ENABLE TRIGGER USER");
        }

        return lines.ToString();
    }

    private static async Task ExecuteOnAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private static void Log(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}
