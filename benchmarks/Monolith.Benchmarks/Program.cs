using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Monolith.Benchmarks;
using Monolith.Modules.Embeddings.LocalModel;

// Throughput of the in-process embedding model and the fixed cost of a request, printed as Markdown
// (method: benchmarks/README.md; results: docs/benchmarks.md). Options: Options.cs.
//   dotnet run -c Release --project benchmarks/Monolith.Benchmarks [-- --spinning]   # embeddings, (a) (b) (c)
//   dotnet run -c Release --project benchmarks/Monolith.Benchmarks -- requests        # users/me vs a bare minimal API
const double MegaflopsPerToken = 21.2; // all-MiniLM-L6-v2: 6 layers × (4·384² + 2·384·1536) multiply-adds × 2

// The bare minimal API of the request-cost comparison, started by RequestCost as a process of its own.
if (args is ["bare-api", var barePort, var bareConnection])
{
    await BareApi.RunAsync(int.Parse(barePort), bareConnection);
    return 0;
}

var options = Options.Parse(args);
if (options.RequestsOnly)
{
    await using var requestHost = await HttpHost.StartAsync(options.ConnectionString, options.Spinning);
    var requestBaselines = new List<(string Name, HttpHost Host)>();
    try
    {
        foreach (var (name, dll) in options.BaselineHosts)
        {
            requestBaselines.Add((name, await HttpHost.StartAsync(options.ConnectionString, options.Spinning, dll)));
        }

        await RequestCost.PrintAsync(requestHost, requestBaselines, [1, 16], options.Rounds, options.Slice, options.Warmup, options.Soak);
    }
    finally
    {
        foreach (var (_, baselineHost) in requestBaselines)
        {
            await baselineHost.DisposeAsync();
        }
    }

    return 0;
}

var cores = Environment.ProcessorCount;

// Other processes on the machine lower every number; the load average shows how much else was running.
var loadAtStart = LoadAverage.Now;
var peak = PeakFlops.GigaflopsPerSecond(cores);
var peakOneCore = PeakFlops.GigaflopsPerSecond(1);

using var embedder = new MiniLmEmbedder(options.Spinning);
using var session = MiniLmEmbedder.CreateSession(options.Spinning);
List<Subject> subjects = [Subjects.OnnxRuntime(session, embedder), Subjects.Embedder(embedder)];

// (c) needs PostgreSQL and a Release build of the host; --no-http leaves it out.
await using var host = options.Http ? await HttpHost.StartAsync(options.ConnectionString, options.Spinning) : null;
await using var baseline = options.Http && options.BaselineHost is not null
    ? await HttpHost.StartAsync(options.ConnectionString, options.Spinning, options.BaselineHost)
    : null;
if (host is not null)
{
    subjects.Add(Subjects.Http(host, "(c) POST /v1/embeddings"));
}

if (baseline is not null)
{
    subjects.Add(Subjects.Http(baseline, "(c0) the same, baseline build"));
}

var workloads = new List<Workload>();
foreach (var (kind, texts) in new[] { ("short", Texts.Short(32)), ("long", Texts.Long(32)) })
{
    foreach (var batchSize in new[] { 1, 16, 32 })
    {
        var batch = texts[..batchSize];
        workloads.Add(new Workload(kind, batch, batch.Sum(embedder.CountTokens)));
    }
}

// Short and long texts taking turns: what sorting into sub-batches is for.
var mixed = Texts.Short(16).Zip(Texts.Long(16), (shortText, longText) => new[] { shortText, longText }).SelectMany(pair => pair).ToArray();
workloads.Add(new Workload("mixed", mixed, mixed.Sum(embedder.CountTokens)));

// The hosts answer their first requests with unoptimised (tier-0, then instrumented) code until the JIT has recompiled
// the hot path, and short × 1, measured first, took that cost: a server that has been up for a while does not pay it
// on every request. So each host first serves every workload a few times and then single texts for --warmup seconds
// (not timed; Options.Warmup says why a count of requests was not enough).
foreach (var warmed in new[] { host, baseline })
{
    if (warmed is null)
    {
        continue;
    }

    for (var pass = 0; pass < 3; pass++)
    {
        foreach (var workload in workloads)
        {
            await warmed.EmbedAsync(workload.Texts);
        }
    }

    var singles = Texts.Short(Texts.DistinctCount);
    var warmUntil = DateTime.UtcNow + options.Warmup;
    for (var i = 0; i < 300 || DateTime.UtcNow < warmUntil; i++)
    {
        await warmed.EmbedAsync([singles[i % singles.Length]]);
    }
}

// Subjects take turns on each workload, twice, so that a busy spell on the machine hits them alike.
var seconds = new double[workloads.Count, subjects.Count];
for (var w = 0; w < workloads.Count; w++)
{
    for (var s = 0; s < subjects.Count; s++)
    {
        seconds[w, s] = double.MaxValue;
    }

    for (var round = 0; round < 2; round++)
    {
        for (var s = 0; s < subjects.Count; s++)
        {
            seconds[w, s] = Math.Min(seconds[w, s], await subjects[s].SecondsPerBatch(workloads[w]));
        }
    }
}

// Measured again at the end, so that contention during the first measurement does not flatter the model.
peak = Math.Max(peak, PeakFlops.GigaflopsPerSecond(cores));

Console.WriteLine($"# Embeddings benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
Console.WriteLine();
Console.WriteLine($"{RuntimeInformation.OSDescription}, {RuntimeInformation.ProcessArchitecture}, {cores} cores, .NET {Environment.Version}, ONNX Runtime {OrtEnv.Instance().GetVersionString()}");
Console.WriteLine($"fp32 peak (Vector256 FMA loop): {peak:N0} GFLOP/s on {cores} cores, {peakOneCore:N0} on one; model cost {MegaflopsPerToken} MFLOP/token");
Console.WriteLine($"load average at start: {loadAtStart}, at end: {LoadAverage.Now}; ONNX Runtime spinning {(options.Spinning ? "on" : "off")} (benchmark and host)");
Console.WriteLine("Work per cell: every column embeds the same texts, all distinct within a batch (no dedup can skip one); tokens/s counts real tokens, not padding.");
Console.WriteLine();

var header = "| texts | batch | tokens/text ";
var rule = "|---|---:|---:";
foreach (var subject in subjects)
{
    header += $"| {subject.Name}: texts/s | tokens/s | % of peak ";
    rule += "|---:|---:|---:";
}

Console.WriteLine(header + "|");
Console.WriteLine(rule + "|");
for (var w = 0; w < workloads.Count; w++)
{
    var workload = workloads[w];
    var row = $"| {workload.Kind} | {workload.BatchSize} | {(double)workload.Tokens / workload.BatchSize:N0} ";
    for (var s = 0; s < subjects.Count; s++)
    {
        var tokensPerSecond = workload.Tokens / seconds[w, s];
        row += $"| {workload.BatchSize / seconds[w, s]:N1} | {tokensPerSecond:N0} | {tokensPerSecond * MegaflopsPerToken / 1e3 / peak:P0} ";
    }

    Console.WriteLine(row + "|");
}

if (host is not null)
{
    Console.WriteLine();
    for (var s = 2; s < subjects.Count; s++)
    {
        Console.WriteLine($"{subjects[s].Name[..4]} ÷ (a), texts/s: " + string.Join(", ", Enumerable.Range(0, workloads.Count)
            .Select(w => $"{workloads[w].Kind} × {workloads[w].BatchSize}: {seconds[w, 0] / seconds[w, s]:F2}")));
    }

    await DynamicBatching.PrintAsync(host, Texts.Short(Texts.DistinctCount), 1 / seconds[0, 0], baseline);
}

Console.WriteLine();
await TokenizerComparison.PrintAsync(Texts.Short(512), Texts.Long(64));
return 0;
