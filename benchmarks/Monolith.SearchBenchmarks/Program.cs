using System.Diagnostics;
using System.Globalization;
using Monolith.Modules.Embeddings.LocalModel;
using Monolith.SearchBenchmarks;
using Monolith.SearchBenchmarks.Beir;
using Monolith.SearchBenchmarks.Files;
using Npgsql;
using static Monolith.SearchBenchmarks.ProgramSupport;

// Search end to end against the real host, next to the same work done raw (results: docs/benchmarks.md, "Search").
//
//   dotnet run -c Release --project benchmarks/Monolith.SearchBenchmarks               # about 10 minutes
//   dotnet run -c Release --project benchmarks/Monolith.SearchBenchmarks -- --quick    # about 1 minute
//
// Options: --scale F (every size × F; --quick is 0.05), --documents N, --chunks N, --bulk-seconds S, --queries N,
// --runs N, --recall-queries N, --ingestion-seconds S, --no-reindex, --reindex-memory SIZE, --keep-database,
// --connection CS, --output FILE.
// Progress goes to stderr, the Markdown report to stdout (and to --output, default a file in the temp folder).
//
//   dotnet run -c Release --project benchmarks/Monolith.SearchBenchmarks -- beir ...   # retrieval quality (Beir/BeirOptions.cs)
//   dotnet run -c Release --project benchmarks/Monolith.SearchBenchmarks -- files ...  # file ingestion (Files/FileBenchmarkOptions.cs)
if (args is ["beir", .. var beirArgs])
{
    return await BeirBenchmark.RunAsync(BeirOptions.Parse(beirArgs));
}

if (args is ["files", .. var fileArgs])
{
    return await FileBenchmark.RunAsync(FileBenchmarkOptions.Parse(fileArgs));
}

//   dotnet run -c Release --project benchmarks/Monolith.SearchBenchmarks -- scale [--stages 10000,100000] [--queries N]
//     [--recall-queries N] [--connection CS] [--output FILE]   # latency by mode and HNSW recall as a collection grows (Scale/ScaleBenchmark.cs)
if (args is ["scale", .. var scaleArgs])
{
    return await Monolith.SearchBenchmarks.Scale.ScaleBenchmark.RunAsync(scaleArgs);
}

//   dotnet run -c Release --project benchmarks/Monolith.SearchBenchmarks -- recall [--data synthetic|real] [--chunks N]
//     [--small 200,2000] [--ef 40,100,200,400] [--queries N]   # why HNSW recall falls at scale (Scale/RecallBenchmark.cs)
if (args is ["recall", .. var recallArgs])
{
    return await Monolith.SearchBenchmarks.Scale.RecallBenchmark.RunAsync(recallArgs);
}

//   dotnet run -c Release --project benchmarks/Monolith.SearchBenchmarks -- ingestion [--rounds 12] [--documents 100]
//     # ingestion over HTTP with the BM25 triggers on vs off, rounds alternating (Scale/IngestionBenchmark.cs)
if (args is ["ingestion", .. var ingestionArgs])
{
    return await Monolith.SearchBenchmarks.Scale.IngestionBenchmark.RunAsync(ingestionArgs);
}

var options = BenchmarkOptions.Parse(args);
var total = Stopwatch.StartNew();
var repoRoot = FindRepoRoot();
var hostDll = Path.Combine(repoRoot, "src", "Host", "bin", "Release", "net10.0", "Monolith.Host.dll");
if (!File.Exists(hostDll))
{
    Console.Error.WriteLine($"{hostDll} is missing: build the host in Release (dotnet build -c Release Monolith.sln).");
    return 1;
}

var report = new Report();
var database = "searchbench_" + Guid.NewGuid().ToString("N")[..12];
var benchmarkConnection = new NpgsqlConnectionStringBuilder(options.ConnectionString) { Database = database }.ConnectionString;
var dataPath = Directory.CreateTempSubdirectory("searchbench-").FullName;
await ExecuteAsync(options.ConnectionString, $"CREATE DATABASE {database}");
Log($"database {database}, host {hostDll}");

HostProcess? host = null;
try
{
    host = await HostProcess.StartAsync(hostDll, benchmarkConnection, dataPath);
    var memoryIdle = host.MemoryMiB();
    host.ResetWarnings();
    Log($"host pid {host.Id} on {host.Address}, RSS {memoryIdle.Rss:N0} MiB");

    using var http = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromMinutes(5) };
    var api = new MonolithApi(http);
    await api.SignUpWithApiKeyAsync();
    var collection = await api.CreateCollectionAsync("search benchmark");
    if (collection.Dimensions != MiniLmEmbedder.Dimensions)
    {
        throw new InvalidOperationException($"The default model is {collection.EmbeddingModel} ({collection.Dimensions} dimensions), not MiniLM.");
    }

    var sourceBuilder = new NpgsqlDataSourceBuilder(benchmarkConnection);
    sourceBuilder.UseVector();
    await using var dataSource = sourceBuilder.Build();
    var ownerId = await ScalarAsync<Guid>(dataSource, $"SELECT owner_id FROM search.collections WHERE id = '{collection.Id}'");

    report.Machine(
        await ScalarAsync<string>(dataSource, "SHOW server_version"),
        await ScalarAsync<string>(dataSource, "SELECT extversion FROM pg_extension WHERE extname = 'vector'"),
        await ScalarAsync<string>(dataSource,
            "SELECT string_agg(name || ' = ' || setting || coalesce(unit, ''), ', ' ORDER BY name) FROM pg_settings WHERE name IN " +
            "('shared_buffers', 'maintenance_work_mem', 'max_parallel_maintenance_workers', 'max_parallel_workers_per_gather', 'work_mem', 'effective_cache_size', 'jit')"));

    var corpusClock = Stopwatch.StartNew();
    var corpus = Corpus.Load(repoRoot);
    Log($"corpus: {corpus.RepoParagraphs:N0} repository paragraphs, {corpus.DotnetMemberTexts:N0} .NET member docs in {corpus.DotnetTypes:N0} types ({corpusClock.Elapsed.TotalSeconds:N1} s)");

    // The host loads its model on the first text: not part of any measurement.
    await api.SearchAsync(collection.Id, MonolithApi.SearchBody("warm-up query", "hybrid", 10));

    using var embedder = new MiniLmEmbedder();
    embedder.Embed(Enumerable.Range(0, 32).Select(i => $"warm-up sentence number {i} for the model").ToArray());

    // 2. Ingestion over HTTP, batch by batch, each followed by the same chunk texts through the model alone, so that
    // both sides see the same spell of load on a shared machine.
    const int warmupDocuments = 60;
    var documents = corpus.IngestionDocuments(warmupDocuments + options.Documents);
    await WarmUpIngestionAsync(documents[..warmupDocuments]);
    documents = documents[warmupDocuments..];
    var sliceSize = Math.Clamp(documents.Count / 20, 25, 100);
    var ingestion = new IngestionResult { LoadBefore = Machine.LoadAverage() };
    Log($"ingestion: {documents.Count:N0} documents ({documents.Count(d => d.Source == "repo"):N0} from the repository) in batches of {sliceSize}");
    var settled = 0;
    foreach (var slice in documents.Chunk(sliceSize))
    {
        if (ingestion.Elapsed > options.IngestionBudget)
        {
            Log($"ingestion: budget of {options.IngestionBudget.TotalSeconds:N0} s used up, {documents.Count - ingestion.Documents:N0} documents not submitted");
            break;
        }

        var hostCpu = host.CpuTime();
        var clock = Stopwatch.StartNew();
        var ids = await api.AddDocumentsAsync(collection.Id, slice.Select(d => new NewDocument(d.Text, d.Title, new Dictionary<string, string> { ["source"] = d.Source })));
        var submitted = clock.Elapsed;
        DocumentCounts counts;
        while (true)
        {
            counts = (await api.GetCollectionAsync(collection.Id)).DocumentCounts!;
            if (counts.Indexed + counts.Failed >= settled + slice.Length)
            {
                break;
            }

            if (clock.Elapsed > TimeSpan.FromMinutes(10))
            {
                throw new TimeoutException($"A batch of {slice.Length} documents was not indexed after 10 minutes: {counts}");
            }

            await Task.Delay(100);
        }

        var elapsed = clock.Elapsed;
        var hostCpuIngesting = host.CpuTime() - hostCpu;
        settled += slice.Length;
        var texts = await TextsAsync(dataSource, ids);
        hostCpu = host.CpuTime();
        var ownCpu = Machine.OwnCpuTime();
        var rawClock = Stopwatch.StartNew();
        foreach (var batch in texts.Chunk(32))
        {
            embedder.Embed(batch);
        }

        var rawElapsed = rawClock.Elapsed;
        var slot = new IngestionSlice(slice.Length, texts.Count, texts.Sum(t => (long)embedder.CountTokens(t)), submitted, elapsed, rawElapsed, Machine.LoadAverage())
        {
            HostCpu = hostCpuIngesting,
            RawCpu = Machine.OwnCpuTime() - ownCpu,
            HostCpuDuringRaw = host.CpuTime() - hostCpu,
        };
        ingestion.Slices.Add(slot);
        ingestion.Documents += slice.Length;
        ingestion.RepoDocuments += slice.Count(d => d.Source == "repo");
        ingestion.Failed = counts.Failed;
        Log($"ingestion: {slice.Length} documents, {texts.Count} chunks in {elapsed.TotalSeconds:N1} s ({slot.ChunksPerSecond:N1}/s); raw {slot.RawTextsPerSecond:N1}/s; ratio {slot.Ratio:N2} (load {slot.Load}); CPU s: host {slot.HostCpu.TotalSeconds:N1}, raw {slot.RawCpu.TotalSeconds:N1}, host during raw {slot.HostCpuDuringRaw.TotalSeconds:N2}");
    }

    ingestion.MemoryAfter = host.MemoryMiB();
    report.Ingestion(ingestion);
    Log($"ingestion: {ingestion.ChunksPerSecond:N1} chunks/s end to end, raw {ingestion.RawTextsPerSecond:N1} texts/s, ratio {ingestion.Ratio:N2}");

    // 3. Bulk: the HNSW index goes while COPY runs and is built again afterwards, as one would for a bulk load.
    var indexName = $"ix_chunks_embedding_hnsw_{MiniLmEmbedder.Dimensions}";
    var indexDefinition = await ScalarAsync<string>(dataSource, $"SELECT indexdef FROM pg_indexes WHERE schemaname = 'search' AND indexname = '{indexName}'");
    await ExecuteAsync(benchmarkConnection, $"DROP INDEX search.{indexName}");
    var targetBulk = Math.Max(0, options.TargetChunks - ingestion.Chunks);
    Log($"bulk: up to {targetBulk:N0} chunks within {options.BulkBudget.TotalSeconds:N0} s of embedding");
    var bulk = await BulkLoader.LoadAsync(dataSource, embedder, collection.Id, ownerId, corpus.BulkDocuments(maxCharacters: 160),
        targetBulk, options.BulkBudget, Log);
    Log($"bulk: {bulk.Chunks:N0} chunks in {bulk.Elapsed.TotalSeconds:N1} s ({bulk.Chunks / bulk.Embedding.TotalSeconds:N0} texts/s embedding)");

    var build = new IndexBuild { Load = Machine.LoadAverage() };
    build.Create = await TimedAsync(benchmarkConnection, indexDefinition, build.CreateNotices);
    Log($"index: CREATE INDEX {build.Create.TotalSeconds:N1} s {string.Join(' ', build.CreateNotices)}");
    if (options.Reindex)
    {
        build.ReindexMemory = options.ReindexMemory;
        build.Reindex = await TimedAsync(benchmarkConnection,
            $"SET maintenance_work_mem = '{options.ReindexMemory}'; REINDEX INDEX search.{indexName}", build.ReindexNotices);
        Log($"index: REINDEX with maintenance_work_mem {options.ReindexMemory} {build.Reindex.Value.TotalSeconds:N1} s {string.Join(' ', build.ReindexNotices)}");
    }

    build.Analyze = await TimedAsync(benchmarkConnection, "VACUUM (ANALYZE) search.chunks; ANALYZE search.documents", []);

    var storage = await StorageAsync(dataSource);
    report.Bulk(bulk, build, storage, indexDefinition, ingestion.Chunks);
    Log($"storage: {storage.Chunks:N0} chunks, {storage.TotalBytes / (double)storage.Chunks:N0} bytes/chunk in total");

    // Queries: distinct everywhere, so the API's embedding cache never answers except in the warm run.
    var warmupCount = 20;
    var pool = corpus.Queries(warmupCount + options.RecallQueries + (2 * options.Runs * options.Queries));
    var warmup = pool[..warmupCount];
    var recallQueries = pool[warmupCount..(warmupCount + options.RecallQueries)];
    var latencyPool = pool[(warmupCount + options.RecallQueries)..];
    var raw = new RawSearch(dataSource, embedder, collection.Id);

    // 5. Recall@10 of the HNSW index at ef_search 100 against an exact scan of the same SQL.
    var sample = raw.Embed(recallQueries[0]);
    var annPlan = await raw.ExplainVectorAsync(sample, exact: false);
    var exactPlan = await raw.ExplainVectorAsync(sample, exact: true);
    if (exactPlan.Contains(indexName, StringComparison.Ordinal))
    {
        throw new InvalidOperationException($"The exact query used the HNSW index:\n{exactPlan}");
    }

    var recall = new RecallResult
    {
        Queries = recallQueries.Count,
        AnnUsesIndex = annPlan.Contains(indexName, StringComparison.Ordinal), // a small table is sorted exactly instead
        ExactPlan = PlanSummary(exactPlan),
        AnnPlan = PlanSummary(annPlan),
    };
    foreach (var query in recallQueries)
    {
        var vector = raw.Embed(query);
        var started = Stopwatch.GetTimestamp();
        var ann = await raw.VectorAsync(vector, 10, exact: false);
        recall.AnnMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        var annScores = raw.LastScores;
        started = Stopwatch.GetTimestamp();
        var exact = await raw.VectorAsync(vector, 10, exact: true);
        recall.ExactMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        var exactScores = raw.LastScores;
        var found = exact.Count == 0 ? 1 : ann.Intersect(exact).Count() / (double)exact.Count;
        recall.Recalls.Add(found);

        // As ann-benchmarks count: a result as close as the exact 10th (within 0.001 of cosine) is a hit, whichever id it has.
        var tenth = exactScores.Count == 0 ? 1 : exactScores[^1];
        recall.RecallsWithTies.Add(exact.Count == 0 ? 1 : Math.Min(1, annScores.Count(score => score >= tenth - 0.001) / (double)exact.Count));
        if (recall.Worst is null || found < recall.Worst.Value.Recall)
        {
            recall.Worst = (query, found, annScores.Count > 0 ? annScores[^1] : 0, tenth, annScores.Count > 0 ? annScores[0] : 0, exactScores.Count > 0 ? exactScores[0] : 0);
        }
    }

    report.Recall(recall);
    Log($"recall@10: {recall.Recalls.Average():N3} over {recall.Queries} queries");

    // 4. Latency: API and raw take turns query by query; the modes take turns run by run.
    foreach (var mode in new[] { "vector", "hybrid" })
    {
        foreach (var query in warmup)
        {
            await ApiAsync(mode, query);
            await RawAsync(mode, query);
        }
    }

    var runs = new List<LatencyRun>();
    for (var run = 0; run <= options.Runs; run++)
    {
        var warm = run == options.Runs; // the first run's queries again: the API's embedding cache has them
        for (var m = 0; m < 2; m++)
        {
            var mode = m == 0 ? "vector" : "hybrid";
            var slot = (warm ? 0 : run) * 2 + m;
            var result = new LatencyRun(mode, run + 1, warm);
            var queries = latencyPool[(slot * options.Queries)..((slot + 1) * options.Queries)];
            for (var i = 0; i < queries.Count; i++)
            {
                if (i % 2 == 0)
                {
                    await MeasureApiAsync(result, queries[i]);
                    await MeasureRawAsync(result, queries[i]);
                }
                else
                {
                    await MeasureRawAsync(result, queries[i]);
                    await MeasureApiAsync(result, queries[i]);
                }
            }

            runs.Add(result);
            Log($"latency {mode} run {run + 1}{(warm ? " (warm cache)" : "")}: API p50 {result.ApiP50:N2} p95 {result.ApiP95:N2} ms, raw p50 {result.RawP50:N2} p95 {result.RawP95:N2} ms (load {Machine.LoadAverage()})");
        }
    }

    // What any authenticated request costs, for reading the API's overhead.
    var me = new List<double>();
    for (var i = 0; i < options.Queries; i++)
    {
        var started = Stopwatch.GetTimestamp();
        await api.MeAsync();
        me.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    var memoryEnd = host.MemoryMiB();
    report.Latency(runs, options.Queries, me);
    report.Memory(memoryIdle, ingestion.MemoryAfter, memoryEnd, Machine.ProcessMemoryMiB(Environment.ProcessId), host.WarningsAndErrors);
    report.Conditions(options, database, total.Elapsed, corpus, ingestion, bulk, storage);

    // The first documents make Wolverine generate and compile its handler code and warm every path; they go to
    // a collection of their own and are not measured. The raw side embeds them too.
    async Task WarmUpIngestionAsync(List<CorpusText> warmups)
    {
        var scratch = await api.CreateCollectionAsync("warm-up");
        await api.AddDocumentsAsync(scratch.Id, warmups.Select(d => new NewDocument(d.Text, d.Title, null)));
        var clock = Stopwatch.StartNew();
        while ((await api.GetCollectionAsync(scratch.Id)).DocumentCounts is { } counts && counts.Indexed + counts.Failed < warmups.Count)
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(3))
            {
                throw new TimeoutException($"Warm-up documents not indexed after 3 minutes: {counts}");
            }

            await Task.Delay(100);
        }

        embedder.Embed([.. warmups.Select(d => d.Text)]);

        // The host goes on compiling hot code (tiered JIT) for a while: that would slow the first raw passes.
        var quiet = Stopwatch.StartNew();
        for (var cpu = host.CpuTime(); quiet.Elapsed < TimeSpan.FromSeconds(30);)
        {
            await Task.Delay(500);
            var now = host.CpuTime();
            if (now - cpu < TimeSpan.FromMilliseconds(25))
            {
                break;
            }

            cpu = now;
        }

        Log($"ingestion warm-up: {warmups.Count} documents in {clock.Elapsed.TotalSeconds:N1} s, host quiet after {quiet.Elapsed.TotalSeconds:N1} s more");
    }

    async Task MeasureApiAsync(LatencyRun result, string query)
    {
        var body = MonolithApi.SearchBody(query, result.Mode, 10);
        var started = Stopwatch.GetTimestamp();
        var bytes = await api.SearchAsync(collection.Id, body);
        result.Api.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        var response = MonolithApi.ParseSearch(bytes);
        result.Handler.Add(response.TookMs);
        result.LastApi = [.. response.Items.Select(hit => hit.ChunkId)];
        Compare(result);
    }

    async Task MeasureRawAsync(LatencyRun result, string query)
    {
        var started = Stopwatch.GetTimestamp();
        var vector = raw.Embed(query);
        var embedded = Stopwatch.GetTimestamp();
        List<Guid> ids;
        if (result.Mode == "vector")
        {
            ids = await raw.VectorAsync(vector, 10, exact: false);
            result.RawVectorSql.Add(Stopwatch.GetElapsedTime(embedded).TotalMilliseconds);
        }
        else
        {
            var candidates = RawSearch.Candidates(10);
            var nearest = await raw.VectorAsync(vector, candidates, exact: false);
            var searched = Stopwatch.GetTimestamp();
            var keyword = await raw.KeywordAsync(query, candidates);
            result.RawVectorSql.Add(Stopwatch.GetElapsedTime(embedded, searched).TotalMilliseconds);
            result.RawKeywordSql.Add(Stopwatch.GetElapsedTime(searched).TotalMilliseconds);
            ids = RawSearch.Fuse(nearest, keyword, 10);
        }

        result.Raw.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        result.RawEmbedding.Add(Stopwatch.GetElapsedTime(started, embedded).TotalMilliseconds);
        result.LastRaw = ids;
        Compare(result);
    }

    // Both sides must have done the same search: the share of the API's top 10 that raw found too.
    static void Compare(LatencyRun result)
    {
        if (result.LastApi is { } apiIds && result.LastRaw is { } rawIds)
        {
            result.Overlap.Add(apiIds.Count == 0 ? 1 : apiIds.Intersect(rawIds).Count() / (double)apiIds.Count);
            result.LastApi = null;
            result.LastRaw = null;
        }
    }

    async Task ApiAsync(string mode, string query) => await api.SearchAsync(collection.Id, MonolithApi.SearchBody(query, mode, 10));

    async Task RawAsync(string mode, string query)
    {
        var vector = raw.Embed(query);
        _ = mode == "vector" ? await raw.VectorAsync(vector, 10, exact: false) : await raw.HybridAsync(query, vector, 10);
    }
}
catch (Exception exception)
{
    Console.Error.WriteLine(exception);
    if (host is not null)
    {
        Console.Error.WriteLine("--- host output (last lines) ---\n" + host.LastLines());
    }

    return 2;
}
finally
{
    host?.Dispose();
    NpgsqlConnection.ClearAllPools();
    if (!options.KeepDatabase)
    {
        await ExecuteAsync(options.ConnectionString, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        Log($"database {database} dropped");
    }

    Directory.Delete(dataPath, recursive: true);
}

var markdown = report.ToMarkdown();
var output = options.OutputPath ?? Path.Combine(Path.GetTempPath(), $"search-benchmarks-{DateTime.UtcNow:yyyyMMdd-HHmmss}.md");
await File.WriteAllTextAsync(output, markdown);
Console.WriteLine(markdown);
Log($"done in {total.Elapsed.TotalMinutes:N1} min; report also in {output}");
return 0;

void Log(string message) =>
    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{total.Elapsed:mm\\:ss}] {message}"));

// The scan lines of a plan, without the query vector.
static string PlanSummary(string plan) => string.Join(" → ", plan.Split('\n').Select(line => line.Trim().TrimStart('-', '>', ' '))
    .Where(line => line.Contains("Scan", StringComparison.Ordinal) && !line.Contains("documents", StringComparison.Ordinal))
    .Select(line => line.Split("  (", StringSplitOptions.None)[0]));

static async Task<TimeSpan> TimedAsync(string connectionString, string sql, List<string> notices)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    connection.Notice += (_, e) => notices.Add(e.Notice.MessageText);
    await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
    var started = Stopwatch.GetTimestamp();
    await command.ExecuteNonQueryAsync();
    return Stopwatch.GetElapsedTime(started);
}

static async Task<T> ScalarAsync<T>(NpgsqlDataSource dataSource, string sql)
{
    await using var command = dataSource.CreateCommand(sql);
    return (T)(await command.ExecuteScalarAsync())!;
}

static async Task<List<string>> TextsAsync(NpgsqlDataSource dataSource, Guid[] documentIds)
{
    await using var command = dataSource.CreateCommand("SELECT text FROM search.chunks WHERE document_id = ANY(@ids) ORDER BY document_id, position");
    command.Parameters.AddWithValue("ids", documentIds);
    await using var reader = await command.ExecuteReaderAsync();
    var texts = new List<string>();
    while (await reader.ReadAsync())
    {
        texts.Add(reader.GetString(0));
    }

    return texts;
}

static async Task<Storage> StorageAsync(NpgsqlDataSource dataSource)
{
    var storage = new Storage
    {
        Chunks = await ScalarAsync<long>(dataSource, "SELECT count(*) FROM search.chunks"),
        TotalBytes = await ScalarAsync<long>(dataSource, "SELECT pg_total_relation_size('search.chunks')"),
        HeapBytes = await ScalarAsync<long>(dataSource, "SELECT pg_relation_size('search.chunks')"),
        ToastBytes = await ScalarAsync<long>(dataSource,
            "SELECT coalesce(pg_total_relation_size(reltoastrelid), 0) FROM pg_class WHERE oid = 'search.chunks'::regclass"),
        AverageTextBytes = await ScalarAsync<decimal>(dataSource, "SELECT avg(octet_length(text)) FROM search.chunks"),
        AverageTokens = await ScalarAsync<decimal>(dataSource, "SELECT avg(token_count) FROM search.chunks"),
        AverageEmbeddingBytes = await ScalarAsync<decimal>(dataSource, "SELECT avg(pg_column_size(embedding)) FROM search.chunks"),
    };
    await using var command = dataSource.CreateCommand(
        "SELECT c.relname, pg_relation_size(c.oid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid " +
        "WHERE i.indrelid = 'search.chunks'::regclass ORDER BY pg_relation_size(c.oid) DESC");
    await using var reader = await command.ExecuteReaderAsync();
    while (await reader.ReadAsync())
    {
        storage.Indexes.Add((reader.GetString(0), reader.GetInt64(1)));
    }

    return storage;
}
