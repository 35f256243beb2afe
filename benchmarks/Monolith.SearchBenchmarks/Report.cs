using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Monolith.SearchBenchmarks;

internal sealed record IngestionSlice(int Documents, int Chunks, long Tokens, TimeSpan Submitted, TimeSpan Elapsed, TimeSpan RawElapsed, string Load)
{
    public double ChunksPerSecond => Chunks / Elapsed.TotalSeconds;
    public double RawTextsPerSecond => Chunks / RawElapsed.TotalSeconds;
    public double Ratio => ChunksPerSecond / RawTextsPerSecond;

    /// <summary>CPU the host used from the batch's request until it was indexed (PostgreSQL's own CPU not included).</summary>
    public TimeSpan HostCpu { get; init; }

    /// <summary>CPU the benchmark process used for the raw pass.</summary>
    public TimeSpan RawCpu { get; init; }

    /// <summary>CPU the host used while the raw pass ran (should be about nothing).</summary>
    public TimeSpan HostCpuDuringRaw { get; init; }
}

internal sealed class IngestionResult
{
    public List<IngestionSlice> Slices { get; } = [];
    public int Documents { get; set; }
    public int RepoDocuments { get; set; }
    public int Failed { get; set; }
    public string LoadBefore { get; init; } = "";
    public (double Rss, double Peak) MemoryAfter { get; set; }
    public int Chunks => Slices.Sum(s => s.Chunks);
    public long Tokens => Slices.Sum(s => s.Tokens);
    public TimeSpan Submitted => TimeSpan.FromTicks(Slices.Sum(s => s.Submitted.Ticks));
    public TimeSpan Elapsed => TimeSpan.FromTicks(Slices.Sum(s => s.Elapsed.Ticks));
    public TimeSpan RawElapsed => TimeSpan.FromTicks(Slices.Sum(s => s.RawElapsed.Ticks));
    public double DocumentsPerSecond => Documents / Elapsed.TotalSeconds;
    public double ChunksPerSecond => Chunks / Elapsed.TotalSeconds;
    public double RawTextsPerSecond => Chunks / RawElapsed.TotalSeconds;
    public double Ratio => ChunksPerSecond / RawTextsPerSecond;
}

internal sealed class IndexBuild
{
    public string Load { get; init; } = "";
    public TimeSpan Create { get; set; }
    public TimeSpan? Reindex { get; set; }
    public string ReindexMemory { get; set; } = "";
    public TimeSpan Analyze { get; set; }
    public List<string> CreateNotices { get; } = [];
    public List<string> ReindexNotices { get; } = [];
}

internal sealed class Storage
{
    public long Chunks { get; init; }
    public long TotalBytes { get; init; }
    public long HeapBytes { get; init; }
    public long ToastBytes { get; init; }
    public decimal AverageTextBytes { get; init; }
    public decimal AverageTokens { get; init; }
    public decimal AverageEmbeddingBytes { get; init; }
    public List<(string Name, long Bytes)> Indexes { get; } = [];
}

internal sealed class RecallResult
{
    public int Queries { get; init; }
    public string ExactPlan { get; init; } = "";
    public string AnnPlan { get; init; } = "";
    public bool AnnUsesIndex { get; init; }
    public List<double> Recalls { get; } = [];
    public List<double> RecallsWithTies { get; } = [];
    public (string Query, double Recall, double AnnTenth, double ExactTenth, double AnnFirst, double ExactFirst)? Worst { get; set; }
    public List<double> AnnMs { get; } = [];
    public List<double> ExactMs { get; } = [];
}

/// <summary>The results as the Markdown section of docs/benchmarks.md.</summary>
internal sealed class Report
{
    private readonly StringBuilder _machine = new();
    private readonly StringBuilder _body = new();
    private readonly List<string> _targets = [];

    public void Machine(string postgres, string pgvector, string settings)
    {
        Line(_machine, $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC. {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores ({SearchBenchmarks.Machine.CpuModel()}), " +
            $"{SearchBenchmarks.Machine.MemoryGiB():N0} GiB RAM, .NET {Environment.Version}; PostgreSQL {postgres}, pgvector {pgvector} ({settings}).");
    }

    public void Ingestion(IngestionResult r)
    {
        Line(_body, "### Ingestion: HTTP end to end vs the model alone");
        Line(_body);
        Line(_body, "| documents | chunks | tokens/chunk | submitting (HTTP) | until all indexed | documents/s | chunks/s | raw `MiniLmEmbedder.Embed` (batches of 32): texts/s | ratio (target ≥ 0.85) | ratio per batch |");
        Line(_body, "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        var perBatch = string.Join(" ", r.Slices.Select(s => s.Ratio.ToString("N2", CultureInfo.InvariantCulture)));
        Line(_body, $"| {r.Documents:N0} | {r.Chunks:N0} | {r.Tokens / (double)r.Chunks:N0} | {r.Submitted.TotalSeconds:N1} s | {r.Elapsed.TotalSeconds:N1} s | {r.DocumentsPerSecond:N1} | " +
            $"{r.ChunksPerSecond:N1} | {r.RawTextsPerSecond:N1} | **{r.Ratio:N2}** | {perBatch} |");
        Line(_body);
        Line(_body, $"Batches of {r.Slices[0].Documents} documents, one `POST …/documents/batch` each, timed from the request until `GET …/collections/{{id}}` counts all of " +
            "them indexed (polled every 100 ms); right after each batch the benchmark embeds the chunk texts the host stored for it (read back from `search.chunks`) " +
            $"in its own process. {r.RepoDocuments:N0} documents are paragraphs of this repository's tracked Markdown and C# files, {r.Documents - r.RepoDocuments:N0} " +
            $"paragraphs of .NET type documentation (300-800 characters each); {r.Failed} failed. Load average {r.LoadBefore} before, " +
            $"{string.Join(", ", r.Slices.Select(s => s.Load))} after each batch. Host RSS after ingestion {r.MemoryAfter.Rss:N0} MiB.");
        Line(_body);
        var bestHttp = r.Slices.Max(s => s.ChunksPerSecond);
        var bestRaw = r.Slices.Max(s => s.RawTextsPerSecond);
        var hostCpu = r.Slices.Sum(s => s.HostCpu.TotalSeconds);
        var rawCpu = r.Slices.Sum(s => s.RawCpu.TotalSeconds);
        Line(_body, $"CPU time, which other processes disturb much less than wall time: the host used {hostCpu * 1000 / r.Chunks:N1} ms per chunk while ingesting " +
            $"(PostgreSQL's own not counted), the raw pass {rawCpu * 1000 / r.Chunks:N1} ms per text: raw/host = **{rawCpu / hostCpu:N2}**. The host used " +
            $"{r.Slices.Sum(s => s.HostCpuDuringRaw.TotalSeconds):N2} s of CPU during all raw passes together (background work that would slow them).");
        Line(_body);
        Line(_body, $"Other processes only ever slow a batch down, so the fastest batch of each side is the least disturbed estimate: {bestHttp:N1} chunks/s over HTTP, " +
            $"{bestRaw:N1} texts/s raw, ratio **{bestHttp / bestRaw:N2}**; the median of the per-batch ratios is {Stats.Median(r.Slices.Select(s => s.Ratio).ToList()):N2}.");
        Line(_body);
        Target($"ingestion ≥ 0.85 × raw embedding: {r.Ratio:N2} over all batches, {bestHttp / bestRaw:N2} fastest batch against fastest batch", r.Ratio >= 0.85 && bestHttp / bestRaw >= 0.85);
    }

    public void Bulk(BulkResult bulk, IndexBuild build, Storage storage, string indexDefinition, int ingestedChunks)
    {
        Line(_body, "### The collection searched");
        Line(_body);
        var sources = string.Join(", ", bulk.ChunksBySource.Select(pair => $"{pair.Value:N0} {pair.Key}"));
        Line(_body, $"{ingestedChunks + bulk.Chunks:N0} chunks in the collection, all real MiniLM embeddings: the {ingestedChunks:N0} ingested over HTTP plus {bulk.Chunks:N0} in {bulk.Documents:N0} documents written with binary COPY " +
            $"({sources}), embedded at {bulk.Chunks / bulk.Embedding.TotalSeconds:N0} texts/s ({bulk.Tokens / (double)bulk.Chunks:N1} tokens each) " +
            $"in {bulk.Elapsed.TotalSeconds:N0} s; COPY took {bulk.Copying.TotalSeconds:N1} s of that, overlapping. Average chunk: {storage.AverageTextBytes:N0} bytes of text, " +
            $"{storage.AverageTokens:N1} tokens, embedding {storage.AverageEmbeddingBytes:N0} bytes. `search.chunks` holds {storage.Chunks:N0} (the rest are the ingestion warm-up's, in a collection of their own).");
        Line(_body);
        Line(_body, "| HNSW build (m 16, ef_construction 64, 2 parallel workers allowed) | time | chunks/s | PostgreSQL's notices |");
        Line(_body, "|---|---:|---:|---|");
        Line(_body, $"| `CREATE INDEX` (the module's own definition) after the bulk COPY, server settings (load average {build.Load}) | {build.Create.TotalSeconds:N1} s | " +
            $"{storage.Chunks / build.Create.TotalSeconds:N0} | {Notices(build.CreateNotices)} |");
        if (build.Reindex is { } reindex)
        {
            Line(_body, $"| `REINDEX INDEX search.ix_chunks_embedding_hnsw_384` with `SET maintenance_work_mem = '{build.ReindexMemory}'` | {reindex.TotalSeconds:N1} s | " +
                $"{storage.Chunks / reindex.TotalSeconds:N0} | {Notices(build.ReindexNotices)} |");
        }

        Line(_body, $"| `VACUUM (ANALYZE) search.chunks; ANALYZE search.documents` | {build.Analyze.TotalSeconds:N1} s | | |");
        Line(_body);
        Line(_body, $"Index: `{indexDefinition}`.");
        Line(_body);
        Line(_body, "| storage | bytes | per chunk |");
        Line(_body, "|---|---:|---:|");
        Line(_body, $"| `pg_total_relation_size('search.chunks')` | {Size(storage.TotalBytes)} | {storage.TotalBytes / (double)storage.Chunks:N0} B |");
        Line(_body, $"| heap | {Size(storage.HeapBytes)} | {storage.HeapBytes / (double)storage.Chunks:N0} B |");
        Line(_body, $"| TOAST | {Size(storage.ToastBytes)} | {storage.ToastBytes / (double)storage.Chunks:N0} B |");
        foreach (var (name, bytes) in storage.Indexes)
        {
            Line(_body, $"| index `{name}` | {Size(bytes)} | {bytes / (double)storage.Chunks:N0} B |");
        }

        Line(_body);
    }

    public void Recall(RecallResult r)
    {
        Line(_body, "### Recall@10 of the HNSW index");
        Line(_body);
        Line(_body, "| queries | recall@10 (target ≥ 0.95) | counting ties (within 0.001) | worst query | ANN query p50 | exact query p50 |");
        Line(_body, "|---:|---:|---:|---:|---:|---:|");
        var mean = r.Recalls.Average();
        Line(_body, $"| {r.Queries} | **{mean:N3}** | {r.RecallsWithTies.Average():N3} | {r.Recalls.Min():N1} | {Stats.Median(r.AnnMs):N2} ms | {Stats.Median(r.ExactMs):N1} ms |");
        Line(_body);
        if (r.Worst is { } worst)
        {
            Line(_body, string.Create(CultureInfo.InvariantCulture,
                $"Worst query: \"{worst.Query}\": recall {worst.Recall:N1}; cosine of the 1st/10th result {worst.AnnFirst:N3}/{worst.AnnTenth:N3} from the index, {worst.ExactFirst:N3}/{worst.ExactTenth:N3} exact."));
            Line(_body);
        }

        Line(_body, "Both sides run `SearchSql.Vector(384, false)` with `LIMIT 10` after `SET LOCAL hnsw.ef_search = 100; SET LOCAL hnsw.iterative_scan = relaxed_order`; " +
            $"the exact side adds `SET LOCAL enable_indexscan = off`. Plans: ANN `{r.AnnPlan}`, exact `{r.ExactPlan}`. Recall = shared ids / 10, averaged over the queries.");
        if (!r.AnnUsesIndex)
        {
            Line(_body);
            Line(_body, "**The planner did not use the HNSW index for the ANN query** (the table is too small for it to pay): recall is trivially 1 here.");
        }

        Line(_body);
        Target($"recall@10 ≥ 0.95 at ef_search 100: {mean:N3}", mean >= 0.95);
    }

    public void Latency(List<LatencyRun> runs, int queriesPerRun, List<double> me)
    {
        Line(_body, "### Search latency: `POST /api/v1/collections/{id}/search` vs the same work raw");
        Line(_body);
        Line(_body, "| mode | runs | API p50 | raw p50 | p50 ratio (target ≤ 1.2) | API p95 | raw p95 | p95 ratio (target ≤ 1.5) | p50 ratio per run | handler `tookMs` p50 | raw p50: embedding | vector SQL | keyword SQL | same top 10 |");
        Line(_body, "|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|");
        foreach (var group in runs.GroupBy(run => (run.Mode, run.WarmCache)))
        {
            var list = group.ToList();
            var p50Ratio = Stats.Median(list.Select(run => run.ApiP50 / run.RawP50).ToList());
            var p95Ratio = Stats.Median(list.Select(run => run.ApiP95 / run.RawP95).ToList());
            var perRun = string.Join(" ", list.Select(run => (run.ApiP50 / run.RawP50).ToString("N2", CultureInfo.InvariantCulture)));
            var label = group.Key.WarmCache ? $"{group.Key.Mode}, repeated queries (cache hit)" : group.Key.Mode;
            Line(_body, $"| {label} | {list.Count} × {queriesPerRun} | {Stats.Median(list.Select(r => r.ApiP50).ToList()):N2} ms | {Stats.Median(list.Select(r => r.RawP50).ToList()):N2} ms | " +
                $"**{p50Ratio:N2}** | {Stats.Median(list.Select(r => r.ApiP95).ToList()):N2} ms | {Stats.Median(list.Select(r => r.RawP95).ToList()):N2} ms | **{p95Ratio:N2}** | {perRun} | " +
                $"{Stats.Median(list.Select(r => Stats.Median(r.Handler)).ToList()):N2} ms | {Stats.Median(list.Select(r => Stats.Median(r.RawEmbedding)).ToList()):N2} ms | " +
                $"{Stats.Median(list.Select(r => Stats.Median(r.RawVectorSql)).ToList()):N2} ms | " +
                (list[0].RawKeywordSql.Count > 0 ? $"{Stats.Median(list.Select(r => Stats.Median(r.RawKeywordSql)).ToList()):N2} ms | " : "– | ") +
                $"{list.SelectMany(r => r.Overlap).Average():P1} |");
            if (!group.Key.WarmCache)
            {
                Target($"{group.Key.Mode}: p50 ≤ 1.2 × raw: {p50Ratio:N3}", p50Ratio <= 1.2);
                Target($"{group.Key.Mode}: p95 ≤ 1.5 × raw: {p95Ratio:N3}", p95Ratio <= 1.5);
            }
        }

        Line(_body);
        Line(_body, $"For scale: `GET /api/v1/users/me` (API key check + one primary-key read), {me.Count} calls after the runs: p50 {Stats.Median(me):N2} ms, p95 {Stats.Percentile(me, 95):N2} ms.");
        Line(_body);
        Line(_body, "Each run: new queries (so the host's embedding cache never answers them), API and raw taking turns query by query (which goes first alternates), " +
            "topK 10; values are the median over runs of each run's percentile, ratios the median of the per-run ratios. API = client clock around the HTTP call " +
            "(keep-alive, API key, body read). Raw = `MiniLmEmbedder.Embed([q])` in the benchmark process + the module's SQL through Npgsql in a transaction " +
            "(hybrid: vector and keyword SQL with 30 candidates each, fused in memory). `tookMs` is the handler's own clock (collection lookup, embedding, SQL). " +
            "\"Same top 10\" = share of the API's ids the raw call returned too. The repeated-query row runs the first run's queries again: the API gets their " +
            "embeddings from its cache (`embeddings.cache`), raw computes them.");
        Line(_body);
    }

    public void Memory((double Rss, double Peak) idle, (double Rss, double Peak) ingested, (double Rss, double Peak) end, (double Rss, double Peak) benchmark, int hostWarnings)
    {
        Line(_body, "### Host memory");
        Line(_body);
        Line(_body, "| host RSS (VmRSS) after start | after ingestion (model loaded) | at the end | peak (VmHWM) |");
        Line(_body, "|---:|---:|---:|---:|");
        Line(_body, $"| {idle.Rss:N0} MiB | {ingested.Rss:N0} MiB | {end.Rss:N0} MiB | {end.Peak:N0} MiB |");
        Line(_body);
        Line(_body, $"For comparison, the benchmark process (its own MiniLM session, the corpus, Npgsql, no ASP.NET Core) ended at {benchmark.Rss:N0} MiB, peak {benchmark.Peak:N0} MiB. " +
            $"The host logged {hostWarnings} warnings or errors during the run (start-up not counted).");
        Line(_body);
    }

    public void Conditions(BenchmarkOptions options, string database, TimeSpan elapsed, Corpus corpus, IngestionResult ingestion, BulkResult bulk, Storage storage)
    {
        Line(_body, "### Targets");
        Line(_body);
        foreach (var target in _targets)
        {
            Line(_body, target);
        }

        var searched = ingestion.Chunks + bulk.Chunks;
        Line(_body, searched >= options.TargetChunks
            ? $"- met: {searched:N0} chunks in the collection searched (target {options.TargetChunks:N0})"
            : $"- **not met**: {searched:N0} chunks in the collection searched, short of the {options.TargetChunks:N0} asked for: the bulk's embedding budget " +
              $"({options.BulkBudget.TotalSeconds:N0} s) ran out");
        Line(_body, $"  ({storage.Chunks:N0} in `search.chunks`: the rest are the ingestion warm-up's, in a collection of their own.)");
        Line(_body);
        Line(_body, "### Conditions");
        Line(_body);
        Line(_body, $"- Run: scale {options.Scale.ToString(CultureInfo.InvariantCulture)}, {options.Documents:N0} documents, target {options.TargetChunks:N0} chunks, bulk budget " +
            $"{options.BulkBudget.TotalSeconds:N0} s, {options.Queries} queries × {options.Runs} runs per mode (+1 repeated), {options.RecallQueries} recall queries; " +
            $"{elapsed.TotalMinutes:N1} minutes in all.");
        Line(_body, $"- Host: `dotnet src/Host/bin/Release/net10.0/Monolith.Host.dll` as a child process (Production environment, its appsettings.json) on a fresh database " +
            $"(`{database}`, dropped afterwards) with `RateLimits__Registration__PermitLimit=1000000` and `Search__Limits__MaxBatchDocuments=500`. " +
            "The benchmark process holds a second MiniLM session; it is idle while the host works and the other way round.");
        Line(_body, $"- Texts: {corpus.RepoParagraphs:N0} paragraphs from this repository's tracked `*.md`/`*.cs` files (no migrations or generated code), " +
            $"then documentation comments of the .NET SDK's reference packs (`packs/*/ref/*.xml`, {corpus.DotnetMemberTexts:N0} member texts), then, if those ran out, " +
            "sentences of a word-trigram model of the same text. Bulk chunks are one member's documentation each, cut at 160 characters, so that many can be embedded: " +
            "short next to the ingested paragraphs.");
        Line(_body, "- Queries: 60 written questions and 4-10-word phrases cut from corpus sentences, all distinct.");
        Line(_body, "- The HNSW index is dropped for the bulk COPY and created again with the module's definition (server settings), rebuilt with a larger `maintenance_work_mem` (timed, for comparison), then the tables are vacuumed and analysed.");
        Line(_body, "- Shared, noisy machine: other test runs may have been running; every comparison is side by side in the same run, so read the ratios, not the absolute times.");
        Line(_body);
        Line(_body, "Reproduce: `dotnet run -c Release --project benchmarks/Monolith.SearchBenchmarks` (add `-- --quick` for a 1-minute smoke run).");
    }

    public string ToMarkdown()
    {
        var markdown = new StringBuilder();
        Line(markdown, "## Search");
        Line(markdown);
        markdown.Append(_machine);
        Line(markdown);
        markdown.Append(_body);
        return markdown.ToString();
    }

    private void Target(string text, bool met) => _targets.Add(met ? $"- met: {text}" : $"- **not met**: {text}");

    private static string Notices(List<string> notices) => notices.Count == 0 ? "none" : string.Join("; ", notices.Distinct().Select(n => $"\"{n}\""));

    private static string Size(long bytes) => bytes >= 1 << 20
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:N1} MiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:N0} KiB");

    private static void Line(StringBuilder builder, string text = "") => builder.Append(text).Append('\n');
}
