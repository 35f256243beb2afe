using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text;
using Monolith.Modules.Search;
using Monolith.Modules.Search.Ingestion.Files;
using Npgsql;
using static Monolith.SearchBenchmarks.ProgramSupport;

namespace Monolith.SearchBenchmarks.Files;

/// <summary>
/// File ingestion (results: docs/benchmarks.md, "File ingestion"): (1) extraction alone, per format, in this process;
/// (2) end to end through the Release host, the same documents uploaded as files and, side by side in the same
/// rounds, their extracted text sent as JSON (the embedding cache off, so both columns embed every chunk);
/// (3) the host's peak memory while it ingests a 50 MiB PDF, in a host of its own.
/// </summary>
internal static class FileBenchmark
{
    private const int MaxFilesPerRequest = 20;

    public static async Task<int> RunAsync(FileBenchmarkOptions options)
    {
        var repoRoot = FindRepoRoot();
        var hostDll = Path.Combine(repoRoot, "src", "Host", "bin", "Release", "net10.0", "Monolith.Host.dll");
        if (!File.Exists(hostDll))
        {
            Console.Error.WriteLine($"{hostDll} is missing: build the host in Release (dotnet build -c Release Monolith.sln).");
            return 1;
        }

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC. {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores ({Machine.CpuModel()}), "
            + $"{Machine.MemoryGiB():N0} GiB RAM, .NET {Environment.Version}; load average {Machine.LoadAverage()} at the start.");
        var paragraphs = SampleFiles.Paragraphs(repoRoot);
        Log($"{paragraphs.Count} paragraphs of prose from docs/");

        Extraction(report, paragraphs);
        await EndToEndAsync(report, options, paragraphs, hostDll);
        if (options.Memory)
        {
            await MemoryAsync(report, options, paragraphs, hostDll);
        }

        report.AppendLine(CultureInfo.InvariantCulture, $"\nLoad average at the end: {Machine.LoadAverage()}.");
        var output = options.OutputPath ?? Path.Combine(Path.GetTempPath(), $"file-benchmark-{DateTime.UtcNow:yyyyMMdd-HHmmss}.md");
        await File.WriteAllTextAsync(output, report.ToString());
        Console.WriteLine(report);
        Log($"report written to {output}");
        return 0;
    }

    /// <summary>Each format's extractor on one 40-section file, formats taking turns, the fastest of three rounds of at least 0.5 s.</summary>
    private static void Extraction(StringBuilder report, List<string> paragraphs)
    {
        var document = SampleFiles.Documents(paragraphs, 1, 40, offset: 500).Single();
        var files = SampleFiles.Formats.Select(format => SampleFiles.Write(document, format)).ToList();
        var best = files.ToDictionary(file => file.Format, _ => TimeSpan.MaxValue);
        var extracted = files.ToDictionary(file => file.Format, file => FileExtractor.Extract(file.Format, file.Content, new FileLimits(), CancellationToken.None));
        var load = Machine.LoadAverage();
        for (var round = 0; round < 3; round++)
        {
            foreach (var file in files)
            {
                var runs = 0;
                var clock = Stopwatch.StartNew();
                do
                {
                    FileExtractor.Extract(file.Format, file.Content, new FileLimits(), CancellationToken.None);
                    runs++;
                }
                while (clock.Elapsed < TimeSpan.FromSeconds(0.5));
                best[file.Format] = TimeSpan.FromTicks(Math.Min(best[file.Format].Ticks, clock.Elapsed.Ticks / runs));
            }
        }

        report.AppendLine(CultureInfo.InvariantCulture, $"\n### Extraction alone (one thread, load average {load} before, {Machine.LoadAverage()} after)\n");
        report.AppendLine("| format | file | sections (pages, slides, sheets) | characters out | ms per file | MB/s | sections/s | characters/s |");
        report.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var file in files)
        {
            var seconds = best[file.Format].TotalSeconds;
            var characters = extracted[file.Format].Text.Length;
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {file.Format.Name()} | {file.Content.Length / 1024.0:N0} KiB | {file.Sections} | {characters:N0} | {seconds * 1000:N1} | {file.Content.Length / 1e6 / seconds:N2} | {file.Sections / seconds:N0} | {characters / seconds:N0} |");
        }
    }

    /// <summary>
    /// Rounds of the same work as files and as JSON, the order flipping every round. Each column is the time from the
    /// first request to the last document indexed, and the host CPU it took; chunks and tokens show the work was alike.
    /// </summary>
    private static async Task EndToEndAsync(StringBuilder report, FileBenchmarkOptions options, List<string> paragraphs, string hostDll)
    {
        await using var database = await BenchmarkDatabase.CreateAsync(options.ConnectionString);
        using var host = await HostProcess.StartAsync(hostDll, database.ConnectionString, database.DataPath, new Dictionary<string, string> { ["Embeddings__Cache"] = "false" });
        using var http = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromMinutes(10) };
        var api = new MonolithApi(http);
        await api.SignUpWithApiKeyAsync();

        // The model loads, and the handlers warm up, on a round that is not counted.
        var documentsPerRound = options.DocumentsPerFormat * SampleFiles.Formats.Length;
        var rows = new List<string>();
        double filesTotal = 0, jsonTotal = 0;
        for (var round = -1; round < options.Rounds; round++)
        {
            var files = SampleFiles.Documents(paragraphs, documentsPerRound, options.Sections, offset: (round + 1) * documentsPerRound)
                .Select((document, i) => SampleFiles.Write(document, SampleFiles.Formats[i % SampleFiles.Formats.Length])).ToList();
            var texts = files.Select(file => new NewDocument(FileExtractor.Extract(file.Format, file.Content, new FileLimits(), CancellationToken.None).Text, file.Name, null)).ToList();
            var load = Machine.LoadAverage();
            var filesFirst = round % 2 == 0;
            Column? asFiles = null, asJson = null;
            foreach (var filesNow in new[] { filesFirst, !filesFirst })
            {
                var collection = await api.CreateCollectionAsync($"{(filesNow ? "files" : "json")} round {round}");
                var cpu = host.CpuTime();
                var clock = Stopwatch.StartNew();
                if (filesNow)
                {
                    foreach (var batch in files.Chunk(MaxFilesPerRequest))
                    {
                        await UploadAsync(http, collection.Id, batch);
                    }
                }
                else
                {
                    await api.AddDocumentsAsync(collection.Id, texts);
                }

                await WaitIndexedAsync(api, collection.Id, files.Count);
                var (chunks, tokens) = await database.ChunksAsync(collection.Id);
                var column = new Column(clock.Elapsed.TotalSeconds, (host.CpuTime() - cpu).TotalSeconds, chunks, tokens);
                (filesNow ? ref asFiles : ref asJson) = column;
            }

            Log($"round {round}: files {asFiles}, JSON {asJson} (load {load})");
            if (round < 0)
            {
                continue;
            }

            filesTotal += asFiles!.Seconds;
            jsonTotal += asJson!.Seconds;
            rows.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {round + 1} ({(filesFirst ? "files first" : "JSON first")}) | {load} | {asFiles.Seconds:N1} s, {files.Count / asFiles.Seconds:N2}/s, CPU {asFiles.Cpu:N1} s | {asFiles.Chunks:N0} / {asFiles.Tokens:N0} "
                + $"| {asJson.Seconds:N1} s, {files.Count / asJson.Seconds:N2}/s, CPU {asJson.Cpu:N1} s | {asJson.Chunks:N0} / {asJson.Tokens:N0} | {asJson.Seconds / asFiles.Seconds:N2}× |"));
        }

        report.AppendLine(CultureInfo.InvariantCulture,
            $"\n### End to end: files vs the same text as JSON ({documentsPerRound} documents a round, {options.DocumentsPerFormat} per format, {options.Sections} sections each; embedding cache off)\n");
        report.AppendLine("| round | load | files: time, documents/s, host CPU | files: chunks / tokens | JSON: time, documents/s, host CPU | JSON: chunks / tokens | files ÷ JSON (throughput) |");
        report.AppendLine("|---|---:|---|---:|---|---:|---:|");
        rows.ForEach(row => report.AppendLine(row));
        report.AppendLine(CultureInfo.InvariantCulture, $"| all | | {filesTotal:N1} s | | {jsonTotal:N1} s | | **{jsonTotal / filesTotal:N2}×** |");
        report.AppendLine(CultureInfo.InvariantCulture, $"\nHost warnings and errors: {host.WarningsAndErrors}.");
    }

    /// <summary>A host of its own: one small file to warm it up, then a 50 MiB PDF (mostly photographs) as a raw body, its RSS sampled every 50 ms.</summary>
    private static async Task MemoryAsync(StringBuilder report, FileBenchmarkOptions options, List<string> paragraphs, string hostDll)
    {
        var limit = new FileLimits().MaxFileBytes;
        var pdf = SampleFiles.PhotoReport(pages: 100, photoBytes: (int)(limit / 100) - 4096);
        await using var database = await BenchmarkDatabase.CreateAsync(options.ConnectionString);
        using var host = await HostProcess.StartAsync(hostDll, database.ConnectionString, database.DataPath);
        using var http = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromMinutes(10) };
        var api = new MonolithApi(http);
        await api.SignUpWithApiKeyAsync();
        var collection = await api.CreateCollectionAsync("memory");
        await UploadAsync(http, collection.Id, [SampleFiles.Write(SampleFiles.Documents(paragraphs, 1, 6).Single(), FileFormat.Pdf)]);
        await WaitIndexedAsync(api, collection.Id, 1);
        var before = host.MemoryMiB();
        var load = Machine.LoadAverage();

        var peak = before.Rss;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, host.MemoryMiB().Rss);
                await Task.Delay(50);
            }
        });
        var clock = Stopwatch.StartNew();
        using (var body = new ByteArrayContent(pdf))
        {
            body.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            using var response = await http.PostAsync(new Uri($"/api/v1/collections/{collection.Id}/files?filename=photos.pdf", UriKind.Relative), body);
            response.EnsureSuccessStatusCode();
        }

        var accepted = clock.Elapsed.TotalSeconds;
        await WaitIndexedAsync(api, collection.Id, 2);
        var indexed = clock.Elapsed.TotalSeconds;
        await sampling.CancelAsync();
        await sampler;
        var after = host.MemoryMiB();
        var (chunks, tokens) = await database.ChunksAsync(collection.Id);

        report.AppendLine(CultureInfo.InvariantCulture, $"\n### Peak host memory: one {pdf.Length / 1048576.0:N1} MiB PDF (100 pages, each a photograph and 20 caption lines; load average {load} before)\n");
        report.AppendLine("| host RSS before | peak RSS sampled (50 ms) | VmHWM before → after | RSS after | 202 after | indexed after | chunks / tokens |");
        report.AppendLine("|---:|---:|---:|---:|---:|---:|---:|");
        report.AppendLine(CultureInfo.InvariantCulture,
            $"| {before.Rss:N0} MiB | {peak:N0} MiB (+{peak - before.Rss:N0}) | {before.Peak:N0} → {after.Peak:N0} MiB | {after.Rss:N0} MiB | {accepted:N1} s | {indexed:N1} s | {chunks:N0} / {tokens:N0} |");
    }

    private static async Task UploadAsync(HttpClient http, Guid collectionId, IEnumerable<SampleFile> files)
    {
        using var form = new MultipartFormDataContent();
        foreach (var file in files)
        {
            var content = new ByteArrayContent(file.Content);
            content.Headers.ContentType = new MediaTypeHeaderValue(FileSignature.MediaType(file.Format));
            form.Add(content, "file", file.Name);
        }

        using var response = await http.PostAsync(new Uri($"/api/v1/collections/{collectionId}/files", UriKind.Relative), form);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"upload: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static async Task WaitIndexedAsync(MonolithApi api, Guid collectionId, int count)
    {
        while (true)
        {
            var counts = (await api.GetCollectionAsync(collectionId)).DocumentCounts!;
            if (counts.Failed > 0)
            {
                throw new InvalidOperationException($"{counts.Failed} documents of collection {collectionId} failed.");
            }

            if (counts.Indexed >= count)
            {
                return;
            }

            await Task.Delay(50);
        }
    }

    private static void Log(string message) => Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {message}");

    private sealed record Column(double Seconds, double Cpu, long Chunks, long Tokens);

    /// <summary>A database of the PostgreSQL server and a data folder for one host, both removed at the end.</summary>
    private sealed class BenchmarkDatabase(string serverConnectionString, string name) : IAsyncDisposable
    {
        public string ConnectionString { get; } = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name }.ConnectionString;

        public string DataPath { get; } = Directory.CreateTempSubdirectory("filebench-").FullName;

        public static async Task<BenchmarkDatabase> CreateAsync(string serverConnectionString)
        {
            var name = "filebench_" + Guid.NewGuid().ToString("N")[..12];
            await ExecuteAsync(serverConnectionString, $"CREATE DATABASE {name}");
            return new BenchmarkDatabase(serverConnectionString, name);
        }

        public async Task<(long Chunks, long Tokens)> ChunksAsync(Guid collectionId)
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT count(*), coalesce(sum(token_count), 0) FROM search.chunks WHERE collection_id = @c", connection);
            command.Parameters.AddWithValue("c", collectionId);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            return (reader.GetInt64(0), reader.GetInt64(1));
        }

        public async ValueTask DisposeAsync()
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(serverConnectionString, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
            Directory.Delete(DataPath, recursive: true);
        }
    }
}
