using System.Diagnostics;
using System.Globalization;
using System.Text;
using Monolith.SearchBenchmarks.Beir;
using Npgsql;
using static Monolith.SearchBenchmarks.ProgramSupport;

namespace Monolith.SearchBenchmarks.Scale;

/// <summary>
/// What the BM25 bookkeeping (ADR 17's triggers on <c>search.chunks</c>) costs ingestion end to end (results:
/// docs/benchmarks.md, "Ingestion with and without the BM25 triggers"): NFCorpus documents uploaded over
/// <c>POST …/documents/batch</c> in rounds, timed until <c>GET …/collections/{id}</c> counts them all indexed, with
/// the triggers on and off (<c>DISABLE TRIGGER USER</c> between rounds) in ABBA order, so a drift in the machine's
/// load falls on both sides alike. Each side writes its own collection, so the "on" collection's statistics stay exact.
/// Besides wall time: the host's CPU and the CPU of this database's PostgreSQL backends per chunk (from /proc), which
/// other processes on a shared machine disturb much less.
/// </summary>
internal static class IngestionBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var rounds = int.Parse(Arguments.Value(args, "--rounds") ?? "12", CultureInfo.InvariantCulture);
        var perRound = int.Parse(Arguments.Value(args, "--documents") ?? "100", CultureInfo.InvariantCulture);
        var server = Arguments.Value(args, "--connection") ?? BenchmarkOptions.DefaultConnectionString;
        var output = Arguments.Value(args, "--output");

        var repoRoot = FindRepoRoot();
        var hostDll = Path.Combine(repoRoot, "src", "Host", "bin", "Release", "net10.0", "Monolith.Host.dll");
        var dataset = BeirDataset.Load(Path.Combine(repoRoot, "../shared/datasets/nfcorpus"));
        var random = new Random(20261201);
        var documents = dataset.Corpus.OrderBy(_ => random.Next()).ToList();
        const int warmup = 50;
        if (documents.Count < warmup + (rounds * perRound))
        {
            throw new InvalidOperationException($"{documents.Count:N0} documents are fewer than {warmup} + {rounds} × {perRound}.");
        }

        var database = "ingestbench_" + Guid.NewGuid().ToString("N")[..12];
        var connection = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        await ExecuteAsync(server, $"CREATE DATABASE {database}");
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:u}, {Environment.ProcessorCount} cores ({Machine.CpuModel()}), {Machine.MemoryGiB():N0} GiB; load average before {Machine.LoadAverage()}");
        report.AppendLine();
        report.AppendLine("| round | BM25 triggers | documents | chunks | seconds | chunks/s | host CPU ms/chunk | PostgreSQL CPU ms/chunk | load |");
        report.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|---|");
        var results = new List<Round>();
        try
        {
            using var host = await HostProcess.StartAsync(hostDll, connection, Directory.CreateTempSubdirectory("ingestbench-").FullName);
            using var http = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromMinutes(5) };
            var api = new MonolithApi(http);
            await api.SignUpWithApiKeyAsync();
            var on = await api.CreateCollectionAsync("triggers on");
            var off = await api.CreateCollectionAsync("triggers off");
            await using var dataSource = NpgsqlDataSource.Create(connection);

            // The model's first load and the host's JIT, on both collections, measured by nobody.
            await IngestAsync(api, on.Id, documents[..(warmup / 2)], 0);
            await IngestAsync(api, off.Id, documents[(warmup / 2)..warmup], 0);
            var settled = new Dictionary<Guid, int> { [on.Id] = warmup / 2, [off.Id] = warmup - (warmup / 2) };
            for (var round = 0; round < rounds; round++)
            {
                var triggers = (round % 2 == 0) == (round / 2 % 2 == 0); // on, off, off, on, on, off, …
                var collection = triggers ? on.Id : off.Id;
                await ExecuteAsync(connection, $"ALTER TABLE search.chunks {(triggers ? "ENABLE" : "DISABLE")} TRIGGER USER");
                var slice = documents.Skip(warmup + (round * perRound)).Take(perRound).ToList();
                var hostCpu = host.CpuTime();
                var databaseCpu = await BackendCpuAsync(dataSource);
                var clock = Stopwatch.StartNew();
                var ids = await IngestAsync(api, collection, slice, settled[collection]);
                var elapsed = clock.Elapsed;
                settled[collection] += slice.Count;
                var result = new Round(round + 1, triggers, slice.Count, await ChunkCountAsync(dataSource, ids), elapsed,
                    host.CpuTime() - hostCpu, Spent(databaseCpu, await BackendCpuAsync(dataSource)), Machine.LoadAverage());
                results.Add(result);
                var line = string.Create(CultureInfo.InvariantCulture,
                    $"| {result.Number} | {(triggers ? "on" : "off")} | {result.Documents} | {result.Chunks:N0} | {elapsed.TotalSeconds:F1} | **{result.ChunksPerSecond:F1}** | {result.HostCpu.TotalMilliseconds / result.Chunks:F1} | {result.DatabaseCpu.TotalMilliseconds / result.Chunks:F2} | {result.Load} |");
                report.AppendLine(line);
                Log(line);
            }

            await ExecuteAsync(connection, "ALTER TABLE search.chunks ENABLE TRIGGER USER");
        }
        finally
        {
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }

        // Rounds 1–2, 3–4, …: each pair holds one round of each side, next to each other in time.
        var ratios = results.Chunk(2).Where(pair => pair.Length == 2)
            .Select(pair => pair.Single(r => r.Triggers).ChunksPerSecond / pair.Single(r => !r.Triggers).ChunksPerSecond).ToList();
        var onRounds = results.Where(r => r.Triggers).ToList();
        var offRounds = results.Where(r => !r.Triggers).ToList();
        report.AppendLine();
        report.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"On / off throughput, pair by pair: {string.Join(' ', ratios.Select(r => r.ToString("F2", CultureInfo.InvariantCulture)))}; **median {Stats.Median(ratios):F2}** (target ≥ 0.9)."));
        report.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"All rounds: on {Throughput(onRounds):F1} chunks/s, off {Throughput(offRounds):F1} chunks/s, ratio {Throughput(onRounds) / Throughput(offRounds):F2}."));
        report.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"CPU per chunk, on / off: host {CpuPerChunk(onRounds, r => r.HostCpu):F1} / {CpuPerChunk(offRounds, r => r.HostCpu):F1} ms, PostgreSQL {CpuPerChunk(onRounds, r => r.DatabaseCpu):F2} / {CpuPerChunk(offRounds, r => r.DatabaseCpu):F2} ms."));
        await BenchmarkReport.PublishAsync(report, output);

        return 0;
    }

    private static double Throughput(List<Round> rounds) => rounds.Sum(r => r.Chunks) / rounds.Sum(r => r.Elapsed.TotalSeconds);

    private static double CpuPerChunk(List<Round> rounds, Func<Round, TimeSpan> cpu) => rounds.Sum(r => cpu(r).TotalMilliseconds) / rounds.Sum(r => r.Chunks);

    /// <summary>Uploads the documents as BEIR's do (title and text together) in one batch and waits until the collection has indexed them.</summary>
    private static async Task<Guid[]> IngestAsync(MonolithApi api, Guid collection, List<BeirDocument> documents, int settled)
    {
        var ids = await api.AddDocumentsAsync(collection, documents.Select(d => new NewDocument(d.Title + "\n" + d.Text, d.Title, null)));
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var counts = (await api.GetCollectionAsync(collection)).DocumentCounts!;
            if (counts.Failed > 0)
            {
                throw new InvalidOperationException($"{counts.Failed} documents failed to index.");
            }

            if (counts.Indexed >= settled + documents.Count)
            {
                return ids;
            }

            if (clock.Elapsed > TimeSpan.FromMinutes(10))
            {
                throw new TimeoutException($"{documents.Count} documents not indexed after 10 minutes: {counts}");
            }

            await Task.Delay(100);
        }
    }

    private static async Task<int> ChunkCountAsync(NpgsqlDataSource dataSource, Guid[] documents)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*)::int FROM search.chunks WHERE document_id = ANY(@ids)");
        command.Parameters.AddWithValue("ids", documents);
        return (int)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>User + system CPU of every PostgreSQL backend connected to this database now, by process id (/proc/{pid}/stat, clock ticks of 10 ms).</summary>
    private static async Task<Dictionary<int, TimeSpan>> BackendCpuAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
        var cpu = new Dictionary<int, TimeSpan>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var pid = reader.GetInt32(0);
            var stat = $"/proc/{pid}/stat";
            if (File.Exists(stat))
            {
                var fields = File.ReadAllText(stat)[(File.ReadAllText(stat).LastIndexOf(')') + 2)..].Split(' ');
                var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                cpu[pid] = TimeSpan.FromMilliseconds(ticks * 10);
            }
        }

        return cpu;
    }

    /// <summary>CPU spent between two readings; a backend that started meanwhile counts from zero (one that ended is lost: the pool keeps them).</summary>
    private static TimeSpan Spent(Dictionary<int, TimeSpan> before, Dictionary<int, TimeSpan> after) =>
        after.Aggregate(TimeSpan.Zero, (sum, pair) => sum + pair.Value - before.GetValueOrDefault(pair.Key));

    private static void Log(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");

    private sealed record Round(int Number, bool Triggers, int Documents, int Chunks, TimeSpan Elapsed, TimeSpan HostCpu, TimeSpan DatabaseCpu, string Load)
    {
        public double ChunksPerSecond => Chunks / Elapsed.TotalSeconds;
    }
}
