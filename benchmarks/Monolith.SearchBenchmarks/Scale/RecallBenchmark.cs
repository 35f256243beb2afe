using System.Diagnostics;
using System.Globalization;
using System.Text;
using Monolith.Modules.Embeddings.LocalModel;
using Monolith.SearchBenchmarks.Beir;
using Npgsql;
using static Monolith.SearchBenchmarks.ProgramSupport;
using static Monolith.SearchBenchmarks.Scale.ScaleData;

namespace Monolith.SearchBenchmarks.Scale;

/// <summary>
/// Why HNSW recall@10 falls as the index grows (results: docs/benchmarks.md, "HNSW recall at 100k chunks"). One
/// collection of <c>--chunks</c> chunks (the scale benchmark's mix with synthesized embeddings, or with
/// <c>--data real</c> texts of the mix with their real MiniLM embeddings, kept by <see cref="RealEmbeddings"/>; <c>--data real-twin</c>
/// the same texts with synthesized ones) plus small collections (<c>--small</c>) in the same
/// shared HNSW index; every search runs the module's own vector SQL. Per <c>ef_search</c>: recall@10 against an exact
/// scan counted strictly (shared ids) and tie-aware (a hit may be any chunk at most 0.001 less similar than the exact
/// 10th, ann-benchmarks' rule), and how far a missed query's 10th result is from the exact 10th (a near-tie or a
/// region the graph search never reached). Then each small collection: what a search scoped to it returns from the
/// index shared with the big one. <c>--build</c> compares HNSW build parameters on the same rows. BM25 is not involved: the triggers are off while loading.
/// </summary>
internal static class RecallBenchmark
{
    private const double TieTolerance = 0.001;
    private const string DefaultBuild = "default"; // the module's own index definition: pgvector's m 16, ef_construction 64

    public static async Task<int> RunAsync(string[] args)
    {
        var data = Arguments.Value(args, "--data") ?? "synthetic";
        var chunks = int.Parse(Arguments.Value(args, "--chunks") ?? "100000", CultureInfo.InvariantCulture);
        var queryCount = int.Parse(Arguments.Value(args, "--queries") ?? "100", CultureInfo.InvariantCulture);
        var efValues = (Arguments.Value(args, "--ef") ?? "40,100,200,400").Split(',').Select(int.Parse).ToArray();
        var smallSizes = (Arguments.Value(args, "--small") ?? "200,2000").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();
        var server = Arguments.Value(args, "--connection") ?? BenchmarkOptions.DefaultConnectionString;
        var output = Arguments.Value(args, "--output");
        // HNSW build parameters to compare on the same rows, ';'-separated, e.g. "default;m = 16, ef_construction = 128".
        var builds = (Arguments.Value(args, "--build") ?? DefaultBuild).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        var repoRoot = FindRepoRoot();
        var hostDll = Path.Combine(repoRoot, "src", "Host", "bin", "Release", "net10.0", "Monolith.Host.dll");
        var dataset = BeirDataset.Load(Path.Combine(repoRoot, "../shared/datasets/nfcorpus"));
        var sources = await RealChunksAsync(new NpgsqlConnectionStringBuilder(server) { Database = "beir_nfcorpus" }.ConnectionString);
        using var embedder = new MiniLmEmbedder();
        var needed = chunks + smallSizes.Sum();
        var clock = Stopwatch.StartNew();
        var texts = data switch
        {
            "real" => await RealEmbeddings.TextsAsync(server, dataset, sources, Corpus.Load(repoRoot), needed),
            "real-twin" => await RealEmbeddings.TextsAsync(server, dataset, sources, Corpus.Load(repoRoot), needed, synthesizedTwin: true),
            _ => Texts(dataset, sources, Corpus.Load(repoRoot), needed),
        };
        Log($"{texts.Count:N0} texts in {clock.Elapsed.TotalSeconds:N0} s: {string.Join(", ", texts.GroupBy(t => t.Source).Select(g => $"{g.Key} {g.Count():N0}"))}");
        var queries = dataset.Queries.Values.Distinct().OrderBy(q => q.GetHashCode(StringComparison.Ordinal)).Take(queryCount).ToList();
        var queryVectors = queries.Select(q => embedder.Embed([q])[0]).ToList();

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:u}, {Environment.ProcessorCount} cores ({Machine.CpuModel()}), {Machine.MemoryGiB():N0} GiB; load average before {Machine.LoadAverage()}");
        report.AppendLine(CultureInfo.InvariantCulture, $"Data: {string.Join(", ", texts.Take(chunks).GroupBy(t => t.Source).Select(g => $"{g.Key} {g.Count():N0}"))}; {queries.Count} NFCorpus queries.");
        var database = "recallbench_" + Guid.NewGuid().ToString("N")[..12];
        var connection = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        await ExecuteAsync(server, $"CREATE DATABASE {database}");
        try
        {
            using var host = await HostProcess.StartAsync(hostDll, connection, Directory.CreateTempSubdirectory("recallbench-").FullName);
            using var http = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromMinutes(5) };
            var api = new MonolithApi(http);
            await api.SignUpWithApiKeyAsync();
            var big = await api.CreateCollectionAsync($"recall {chunks}");
            var small = new List<(int Size, Collection Collection)>();
            foreach (var size in smallSizes)
            {
                small.Add((size, await api.CreateCollectionAsync($"recall small {size}")));
            }

            var builder = new NpgsqlDataSourceBuilder(connection);
            builder.UseVector();
            await using var dataSource = builder.Build();
            var ownerId = await ScaleData.ScalarAsync<Guid>(dataSource, $"SELECT owner_id FROM search.collections WHERE id = '{big.Id}'");
            var indexName = $"ix_chunks_embedding_hnsw_{MiniLmEmbedder.Dimensions}";
            var indexDefinition = await ScaleData.ScalarAsync<string>(dataSource, $"SELECT indexdef FROM pg_indexes WHERE schemaname = 'search' AND indexname = '{indexName}'");
            await ExecuteAsync(connection, $"DROP INDEX search.{indexName}; ALTER TABLE search.chunks DISABLE TRIGGER USER");
            await CopyAsync(dataSource, big.Id, ownerId, texts[..chunks]);
            var offset = chunks;
            foreach (var (size, collection) in small)
            {
                await CopyAsync(dataSource, collection.Id, ownerId, texts[offset..(offset + size)]);
                offset += size;
            }

            // The ground truth once: the same SQL with index scans off (PostgreSQL computes every distance).
            await ExecuteAsync(connection, "VACUUM (ANALYZE) search.chunks");
            var exactSearch = new RawSearch(dataSource, embedder, big.Id);
            var exact = new List<(HashSet<Guid> Ids, double Tenth, double First)>();
            foreach (var vector in queryVectors)
            {
                var ids = await exactSearch.VectorAsync(vector, 10, exact: true);
                exact.Add(([.. ids], exactSearch.LastScores[^1], exactSearch.LastScores[0]));
            }

            report.AppendLine(CultureInfo.InvariantCulture, $"Exact neighbours: cosine of the 1st p50 {Stats.Median([.. exact.Select(e => e.First)]):F3}, of the 10th p50 {Stats.Median([.. exact.Select(e => e.Tenth)]):F3}.");
            report.AppendLine();
            report.AppendLine("| index build | ef_search | plan | recall@10 (ids) | recall@10 (ties within 0.001) | queries < 0.5 | missed queries: exact 10th − index 10th, p50 / max | ANN SQL p50 | ANN SQL p95 | load |");
            report.AppendLine("|---|---:|---|---:|---:|---:|---|---:|---:|---|");
            foreach (var build in builds)
            {
                // Each build over the same rows: the index dropped and built again with these parameters.
                var definition = build == DefaultBuild ? indexDefinition : indexDefinition.Replace(" WHERE ", $" WITH ({build}) WHERE ", StringComparison.Ordinal);
                clock.Restart();
                await ExecuteAsync(connection, $"DROP INDEX IF EXISTS search.{indexName}; SET maintenance_work_mem = '1GB'; {definition}");
                var size = await ScaleData.ScalarAsync<string>(dataSource, $"SELECT pg_size_pretty(pg_relation_size('search.{indexName}'))");
                var label = $"{build} ({clock.Elapsed.TotalSeconds:N0} s, {size})";
                Log($"{offset:N0} chunks, index {label}");
                foreach (var ef in efValues)
                {
                    var ann = new RawSearch(dataSource, embedder, big.Id, ef);
                    var plan = PlanNode(await ann.ExplainVectorAsync(queryVectors[0], exact: false)); // the planner weighs ef_search: a high one may not use the index
                    var strict = new List<double>();
                    var tolerant = new List<double>();
                    var gaps = new List<double>();
                    var ms = new List<double>();
                    for (var q = 0; q < queryVectors.Count; q++)
                    {
                        var started = Stopwatch.GetTimestamp();
                        var ids = await ann.VectorAsync(queryVectors[q], 10, exact: false);
                        ms.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                        var scores = ann.LastScores;
                        strict.Add(ids.Count(exact[q].Ids.Contains) / 10.0);
                        tolerant.Add(Math.Min(10, scores.Count(s => s >= exact[q].Tenth - TieTolerance)) / 10.0);
                        if (strict[^1] < 1)
                        {
                            gaps.Add(exact[q].Tenth - (scores.Count > 0 ? scores[^1] : 0));
                        }
                    }

                    var line = string.Create(CultureInfo.InvariantCulture,
                        $"| {label} | {ef} | {plan} | **{strict.Average():F3}** | {tolerant.Average():F3} | {strict.Count(r => r < 0.5)} | {(gaps.Count > 0 ? $"{Stats.Median(gaps):F3} / {gaps.Max():F3} ({gaps.Count} queries)" : "none")} | {Stats.Median(ms):F1} ms | {Stats.Percentile(ms, 95):F1} ms | {Machine.LoadAverage()} |");
                    report.AppendLine(line);
                    Log(line);
                }
            }

            report.AppendLine();
            report.AppendLine(CultureInfo.InvariantCulture, $"Searches scoped to a small collection, sharing the index with the {chunks:N0}-chunk one (ef_search default):");
            report.AppendLine();
            report.AppendLine("| collection | plan of the index SQL | index SQL alone: results (topK 10) p50 / min | recall@10 | API (`POST …/search`, vector): results p50 / min | recall@10 |");
            report.AppendLine("|---:|---|---:|---:|---:|---:|");
            foreach (var (size, collection) in small)
            {
                var scoped = new RawSearch(dataSource, embedder, collection.Id);
                var plan = await scoped.ExplainVectorAsync(queryVectors[0], exact: false);
                var (rawCounts, rawRecalls, apiCounts, apiRecalls) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
                for (var q = 0; q < queries.Count; q++)
                {
                    var truth = await scoped.VectorAsync(queryVectors[q], 10, exact: true);
                    var ids = await scoped.VectorAsync(queryVectors[q], 10, exact: false);
                    rawCounts.Add(ids.Count);
                    rawRecalls.Add(truth.Count == 0 ? 1 : ids.Count(truth.Contains) / (double)truth.Count);
                    var found = MonolithApi.ParseSearch(await api.SearchAsync(collection.Id, MonolithApi.SearchBody(queries[q], "vector", 10))).Items.Select(hit => hit.ChunkId).ToList();
                    apiCounts.Add(found.Count);
                    apiRecalls.Add(truth.Count == 0 ? 1 : found.Count(truth.Contains) / (double)truth.Count);
                }

                var line = string.Create(CultureInfo.InvariantCulture,
                    $"| {size:N0} chunks | {PlanNode(plan)} | {Stats.Median(rawCounts):F0} / {rawCounts.Min():F0} | **{rawRecalls.Average():F3}** | {Stats.Median(apiCounts):F0} / {apiCounts.Min():F0} | **{apiRecalls.Average():F3}** |");
                report.AppendLine(line);
                Log(line);
            }
        }
        finally
        {
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }

        await BenchmarkReport.PublishAsync(report, output);

        return 0;
    }

    /// <summary>The plan's scan of <c>search.chunks</c>, e.g. "Index Scan using ix_chunks_embedding_hnsw_384".</summary>
    private static string PlanNode(string plan) =>
        plan.Split('\n').Select(line => line.Trim().TrimStart('-', '>', ' ')).FirstOrDefault(line => line.Contains(" on chunks", StringComparison.Ordinal)) is { } scan
            ? scan[..scan.IndexOf(" on chunks", StringComparison.Ordinal)]
            : "?";

    private static void Log(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}
