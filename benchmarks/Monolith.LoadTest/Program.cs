using System.Diagnostics;
using System.Globalization;
using System.Text;
using Monolith.LoadTest;
using Monolith.SearchBenchmarks;
using Npgsql;
using static Monolith.SearchBenchmarks.ProgramSupport;

// Load test of the real host: a mix of authenticated reads, searches and embeddings over N keep-alive connections
// (results: docs/benchmarks.md, "Load"; method: benchmarks/README.md).
//
//   dotnet build -c Release benchmarks/Monolith.LoadTest && dotnet run -c Release --no-build --project benchmarks/Monolith.LoadTest   # 20 s warm-up + 60 s × 64 connections
//   dotnet run -c Release --project benchmarks/Monolith.LoadTest -- --seconds 5 --connections 16 --warmup 3   # smoke run
//
// Options: --seconds S, --connections N, --warmup S, --connection CS, --output FILE, --keep-database.
// Progress goes to stderr, the Markdown report to stdout (and to --output). Exit code 1 if any request failed.
var options = LoadOptions.Parse(args);
var repoRoot = FindRepoRoot();
var hostDll = Path.Combine(repoRoot, "src", "Host", "bin", "Release", "net10.0", "Monolith.Host.dll");
if (!File.Exists(hostDll))
{
    Console.Error.WriteLine($"{hostDll} is missing: build the host in Release (dotnet build -c Release src/Host).");
    return 2;
}

var database = "loadtest_" + Guid.NewGuid().ToString("N")[..12];
var dataPath = Directory.CreateTempSubdirectory("loadtest-").FullName;
await ExecuteAsync(options.ConnectionString, $"CREATE DATABASE {database}");
HostProcess? host = null;
try
{
    host = await HostProcess.StartAsync(hostDll, new NpgsqlConnectionStringBuilder(options.ConnectionString) { Database = database }.ConnectionString, dataPath);
    host.ResetWarnings(); // start-up logs EF Core's failed look-ups of migration tables that do not exist yet
    Log($"database {database}, host pid {host.Id} on {host.Address}");

    // One pooled connection per worker, kept alive for the whole run, as wrk does.
    using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.Connections, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) };
    using var http = new HttpClient(handler) { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(60) };
    var api = new MonolithApi(http);
    await api.SignUpWithApiKeyAsync();
    var collection = await api.CreateCollectionAsync("load test");
    var topics = Topics();
    foreach (var batch in Enumerable.Range(0, 200).Chunk(100))
    {
        await api.AddDocumentsAsync(collection.Id, batch.Select(i => new NewDocument(
            $"Note {i} on {topics[i % topics.Count]}: the team wrote down what they learned about {topics[(i * 7) % topics.Count]} in week {i % 52}.",
            $"note {i}", null)));
    }

    var indexing = Stopwatch.StartNew();
    while ((await api.GetCollectionAsync(collection.Id)).DocumentCounts is not { Pending: 0 } && indexing.Elapsed < TimeSpan.FromMinutes(3))
    {
        await Task.Delay(500);
    }

    Log($"200 documents indexed in {indexing.Elapsed.TotalSeconds:F1} s; warm-up {options.WarmUp.TotalSeconds:F0} s × {options.Connections} connections");
    var queries = topics.Select(topic => $"what did we learn about {topic}?").ToList();
    var load = new LoadRun(http, collection.Id, queries);
    await load.RunAsync(options.Connections, options.WarmUp);
    var warmUpErrors = load.FirstErrors.Count;

    var rssStart = host.MemoryMiB().Rss;
    var loadBefore = Machine.LoadAverage();
    var cpuBefore = host.CpuTime();
    var rssSamples = new List<double>();
    using var sampling = new CancellationTokenSource();
    var sampler = Task.Run(async () =>
    {
        while (!sampling.IsCancellationRequested)
        {
            rssSamples.Add(host.MemoryMiB().Rss);
            await Task.Delay(TimeSpan.FromSeconds(5), sampling.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    });
    Log($"measuring {options.Duration.TotalSeconds:F0} s × {options.Connections} connections (RSS {rssStart:F0} MiB, load average {loadBefore})");
    var clock = Stopwatch.StartNew();
    var results = await load.RunAsync(options.Connections, options.Duration);
    var elapsed = clock.Elapsed;
    await sampling.CancelAsync();
    await sampler;
    var (rssEnd, rssPeak) = host.MemoryMiB();
    var cpu = host.CpuTime() - cpuBefore;
    var loadAfter = Machine.LoadAverage();

    var total = results.Sum(r => r.Count);
    var errors = results.Sum(r => r.Errors);
    var report = new StringBuilder();
    report.AppendLine(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores ({Machine.CpuModel()}), {Machine.MemoryGiB():F0} GiB, .NET {Environment.Version}; "
        + $"{options.Connections} connections, {options.WarmUp.TotalSeconds:F0} s warm-up then {elapsed.TotalSeconds:F1} s measured; load average {loadBefore} before, {loadAfter} after.");
    report.AppendLine();
    report.AppendLine("| request | share | requests | requests/s | errors | p50 | p90 | p99 | max |");
    report.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    foreach (var r in results)
    {
        report.AppendLine(CultureInfo.InvariantCulture,
            $"| {Describe(r.Kind)} | {100.0 * r.Count / total:F0} % | {r.Count:N0} | {r.Count / elapsed.TotalSeconds:N1} | {r.Errors} | {r.P50:F1} ms | {r.P90:F1} ms | {r.P99:F1} ms | {r.Max:F0} ms |");
    }

    report.AppendLine(CultureInfo.InvariantCulture, $"| **all** | 100 % | {total:N0} | **{total / elapsed.TotalSeconds:N1}** | **{errors}** | | | | |");
    report.AppendLine();
    report.AppendLine(CultureInfo.InvariantCulture,
        $"Host RSS after warm-up {rssStart:F0} MiB, at the end {rssEnd:F0} MiB (**{rssEnd / rssStart:F2}×**, target ≤ 1.20), peak so far {rssPeak:F0} MiB; "
        + $"every 5 s: {string.Join(" ", rssSamples.Select(s => s.ToString("F0", CultureInfo.InvariantCulture)))}. "
        + $"Host CPU {cpu.TotalSeconds:F0} s over {elapsed.TotalSeconds:F0} s ({cpu.TotalSeconds / elapsed.TotalSeconds:F2} cores). "
        + $"Errors during warm-up: {warmUpErrors}; host log lines at warning or above after start-up: {host.WarningsAndErrors}.");
    foreach (var error in load.FirstErrors)
    {
        report.AppendLine(CultureInfo.InvariantCulture, $"- {error}");
    }

    Console.WriteLine(report);
    if (options.OutputPath is not null)
    {
        await File.WriteAllTextAsync(options.OutputPath, report.ToString());
    }

    return errors == 0 && warmUpErrors == 0 ? 0 : 1;
}
finally
{
    host?.Dispose();
    NpgsqlConnection.ClearAllPools();
    if (!options.KeepDatabase)
    {
        await ExecuteAsync(options.ConnectionString, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
    }

    Directory.Delete(dataPath, recursive: true);
}

static string Describe(RequestKind kind) => kind switch
{
    RequestKind.Me => "`GET /api/v1/users/me`",
    RequestKind.Search => "`POST …/search` (hybrid, top 5)",
    _ => "`POST /v1/embeddings` (1 new sentence)",
};

static List<string> Topics() =>
[
    "connection pooling", "retries with backoff", "vector indexes", "keyword search", "API keys", "token budgets",
    "streaming answers", "durable queues", "schema migrations", "rate limiting", "health checks", "memory usage",
    "garbage collection", "load balancing", "dead letters", "outbox messages", "embedding caches", "chunk overlap",
    "citation markers", "access tokens", "password hashing", "problem details", "OpenAPI documents", "HNSW recall",
    "reciprocal rank fusion", "metadata filters", "batch uploads", "request limits", "trace ids", "PostgreSQL restarts",
];

static void Log(string message) => Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {message}");

