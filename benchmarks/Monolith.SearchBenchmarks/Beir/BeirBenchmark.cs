using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Monolith.Modules.Search.Evaluation;
using Npgsql;

namespace Monolith.SearchBenchmarks.Beir;

/// <summary>
/// Retrieval quality over the HTTP API on a BEIR dataset (results: docs/benchmarks.md, "Retrieval quality"):
/// uploads the corpus once into a named database (kept, so later runs reuse the embeddings), then searches every
/// query of the split in every configuration with topK 100, documents ranked by their best chunk.
/// </summary>
internal static class BeirBenchmark
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<int> RunAsync(BeirOptions options)
    {
        var repoRoot = ProgramSupport.FindRepoRoot();
        var hostDll = Path.Combine(repoRoot, "src", "Host", "bin", "Release", "net10.0", "Monolith.Host.dll");
        var datasetPath = Path.GetFullPath(Path.Combine(repoRoot, options.Dataset));
        var dataset = BeirDataset.Load(datasetPath);
        Log($"dataset {datasetPath}: {dataset.Corpus.Count:N0} documents, {dataset.Queries.Count:N0} queries");

        var connection = new NpgsqlConnectionStringBuilder(options.ConnectionString) { Database = options.Database }.ConnectionString;
        await EnsureDatabaseAsync(options.ConnectionString, options.Database);
        using var host = await HostProcess.StartAsync(hostDll, connection, Path.Combine(Path.GetTempPath(), "beir-" + options.Database), options.HostSettings);
        using var http = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromMinutes(5) };
        var collectionId = await EnsureUploadedAsync(http, dataset, options);

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Dataset {Path.GetFileName(datasetPath)}, load average before: {Machine.LoadAverage()}, {DateTime.UtcNow:u}");
        report.AppendLine();
        report.AppendLine("| split | configuration | queries | nDCG@10 | Recall@100 | tookMs p50 | tookMs p95 |");
        report.AppendLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (var split in options.Splits)
        {
            var qrels = dataset.Qrels(split);
            foreach (var (label, overrides) in options.Configurations)
            {
                var result = await EvaluateAsync(http, collectionId, dataset, qrels, overrides);
                var line = string.Create(CultureInfo.InvariantCulture,
                    $"| {split} | {label} | {result.Queries} | {result.Ndcg10:F3} | {result.Recall100:F3} | {Stats.Percentile(result.TookMs, 50):F1} | {Stats.Percentile(result.TookMs, 95):F1} |");
                report.AppendLine(line);
                Log(line);
            }
        }

        if (options.ThroughEvaluations)
        {
            report.AppendLine();
            report.AppendLine("Through POST /api/v1/collections/{id}/evaluations (default modes, topK 100 chunks):");
            report.AppendLine();
            report.AppendLine("| split | mode | queries | nDCG@10 | Recall@10 | Recall@100 | MRR@10 | run s |");
            report.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|");
            foreach (var split in options.Splits)
            {
                var (run, seconds) = await EvaluateThroughEndpointAsync(http, collectionId, dataset, dataset.Qrels(split), split);
                foreach (var (mode, scores) in run["metrics"]!.AsObject().OrderBy(pair => Array.IndexOf(BeirOptions.Modes, pair.Key)))
                {
                    var line = string.Create(CultureInfo.InvariantCulture,
                        $"| {split} | {mode} | {run["queryCount"]} | {scores!["ndcgAt10"]!.GetValue<double>():F3} | {scores["recallAt10"]!.GetValue<double>():F3} | {scores["recallAt100"]!.GetValue<double>():F3} | {scores["mrrAt10"]!.GetValue<double>():F3} | {seconds:F0} |");
                    report.AppendLine(line);
                    Log(line);
                }
            }
        }

        await BenchmarkReport.PublishAsync(report, options.OutputPath);

        return 0;
    }

    private static async Task<EvaluationResult> EvaluateAsync(
        HttpClient http, Guid collectionId, BeirDataset dataset, IReadOnlyDictionary<string, Dictionary<string, int>> qrels, JsonObject overrides)
    {
        var result = new EvaluationResult();
        foreach (var (queryId, judged) in qrels.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var body = (JsonObject)overrides.DeepClone();
            body["query"] = dataset.Queries[queryId];
            body["topK"] ??= 100;
            using var response = await http.PostAsJsonAsync($"/api/v1/collections/{collectionId}/search", body, Json);
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"search {queryId}: {(int)response.StatusCode} {text}");
            }

            var search = JsonSerializer.Deserialize<BeirSearchResponse>(text, Json)!;
            var ranked = RetrievalMetrics.Documents(search.Items.Select(hit => hit.ExternalId ?? ""));
            result.Ndcg.Add(RetrievalMetrics.NdcgAt(10, ranked, judged));
            result.Recall.Add(RetrievalMetrics.RecallAt(100, ranked, judged));
            result.TookMs.Add(search.TookMs);
        }

        return result;
    }

    /// <summary>One evaluation run of the split's queries and qrels; returns the finished run and its seconds from POST to done.</summary>
    private static async Task<(JsonObject Run, double Seconds)> EvaluateThroughEndpointAsync(
        HttpClient http, Guid collectionId, BeirDataset dataset, IReadOnlyDictionary<string, Dictionary<string, int>> qrels, string split)
    {
        var queries = qrels.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => new
        {
            id = pair.Key,
            query = dataset.Queries[pair.Key],
            judgments = pair.Value.Select(judged => new { externalId = judged.Key, relevance = judged.Value }),
        });
        var clock = Stopwatch.StartNew();
        using var created = await http.PostAsJsonAsync($"/api/v1/collections/{collectionId}/evaluations", new { name = $"{Path.GetFileName(dataset.Path.TrimEnd('/'))} {split}", queries }, Json);
        var accepted = await created.Content.ReadFromJsonAsync<JsonObject>(Json);
        if (!created.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"evaluation {split}: {(int)created.StatusCode} {accepted}");
        }

        while (true)
        {
            await Task.Delay(2000);
            var run = (await http.GetFromJsonAsync<JsonObject>(created.Headers.Location!.OriginalString, Json))!;
            switch (run["status"]!.GetValue<string>())
            {
                case "done":
                    return (run, clock.Elapsed.TotalSeconds);
                case "failed":
                    throw new InvalidOperationException($"evaluation {split} failed: {run["error"]}");
            }
        }
    }

    /// <summary>One user and one collection per database; a later run logs in again and finds the collection by name.</summary>
    private static async Task<Guid> EnsureUploadedAsync(HttpClient http, BeirDataset dataset, BeirOptions options)
    {
        var email = $"beir-{options.Database}@example.com";
        const string password = "benchmark-password-123";
        using (await http.PostAsJsonAsync("/api/v1/auth/register", new { email, password, displayName = "BEIR benchmark" }, Json))
        {
            // 201 the first time, 409 afterwards: either way the user exists now
        }

        await SignInAsync();

        var name = Path.GetFileName(dataset.Path.TrimEnd('/'));
        var list = (await http.GetFromJsonAsync<JsonObject>("/api/v1/collections?pageSize=100", Json))!["items"]!.AsArray();
        var existing = list.FirstOrDefault(c => c!["name"]!.GetValue<string>() == name);
        Guid id;
        if (existing is not null)
        {
            id = existing["id"]!.GetValue<Guid>();
        }
        else
        {
            using var created = await http.PostAsJsonAsync("/api/v1/collections", new { name, description = "BEIR benchmark" }, Json);
            created.EnsureSuccessStatusCode();
            id = (await created.Content.ReadFromJsonAsync<JsonObject>(Json))!["id"]!.GetValue<Guid>();
            var clock = Stopwatch.StartNew();
            foreach (var batch in dataset.Corpus.Chunk(100))
            {
                // As BEIR embeds them: title and text together; the title is also the document's title.
                var documents = batch.Select(d => new { externalId = d.Id, title = d.Title, text = d.Title + "\n" + d.Text });
                using var added = await http.PostAsJsonAsync($"/api/v1/collections/{id}/documents/batch", new { documents }, Json);
                added.EnsureSuccessStatusCode();
            }

            Log($"upload: {dataset.Corpus.Count:N0} documents submitted in {clock.Elapsed.TotalSeconds:N1} s");
        }

        var waited = Stopwatch.StartNew();
        while (true)
        {
            using var collection = await http.GetAsync($"/api/v1/collections/{id}");
            if (collection.StatusCode == System.Net.HttpStatusCode.Unauthorized)
            {
                await SignInAsync(); // embedding a corpus on a loaded machine outlasts an access token (60 min)
                continue;
            }

            collection.EnsureSuccessStatusCode();
            var counts = (await collection.Content.ReadFromJsonAsync<JsonObject>(Json))!["documentCounts"]!;
            var pending = counts["pending"]!.GetValue<int>();
            if (pending == 0)
            {
                Log($"collection {id}: {counts["indexed"]} indexed, {counts["failed"]} failed");
                await SignInAsync(); // a fresh token for the searches
                return id;
            }

            if (waited.Elapsed.TotalSeconds > 30 && (int)waited.Elapsed.TotalSeconds % 30 == 0)
            {
                Log($"indexing: {pending:N0} pending after {waited.Elapsed.TotalMinutes:N1} min");
            }

            await Task.Delay(1000);
        }

        async Task SignInAsync()
        {
            using var login = await http.PostAsJsonAsync("/api/v1/auth/token", new { email, password }, Json);
            login.EnsureSuccessStatusCode();
            var token = (await login.Content.ReadFromJsonAsync<JsonObject>(Json))!["accessToken"]!.GetValue<string>();
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }
    }

    private static async Task EnsureDatabaseAsync(string connectionString, string database)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", database);
        if (await exists.ExecuteScalarAsync() is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
    }

    private static void Log(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");

    private sealed class EvaluationResult
    {
        public List<double> Ndcg { get; } = [];
        public List<double> Recall { get; } = [];
        public List<double> TookMs { get; } = [];
        public int Queries => Ndcg.Count;
        public double Ndcg10 => Ndcg.Average();
        public double Recall100 => Recall.Average();
    }
}

internal sealed record BeirSearchHit(string? ExternalId, double Score);

internal sealed record BeirSearchResponse(IReadOnlyList<BeirSearchHit> Items, double TookMs);
