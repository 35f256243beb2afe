using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Monolith.Benchmarks;
using Monolith.Modules.Embeddings.LocalModel;

// Throughput of the in-process embedding model, printed as Markdown (results: benchmarks/README.md).
// Run: dotnet run -c Release --project benchmarks/Monolith.Benchmarks
const double MegaflopsPerToken = 21.2; // all-MiniLM-L6-v2: 6 layers × (4·384² + 2·384·1536) multiply-adds × 2

var cores = Environment.ProcessorCount;

// Other processes on the machine lower every number; the load average shows how much else was running.
var loadAtStart = LoadAverage();
var peak = PeakFlops.GigaflopsPerSecond(cores);
var peakOneCore = PeakFlops.GigaflopsPerSecond(1);

using var embedder = new MiniLmEmbedder();
using var session = MiniLmEmbedder.CreateSession();
List<Subject> subjects = [Subjects.OnnxRuntime(session, embedder), Subjects.Embedder(embedder)];

// (c) needs PostgreSQL and a Release build of the host; --no-http leaves it out.
await using var host = args.Contains("--no-http") ? null : await HttpHost.StartAsync();
if (host is not null)
{
    subjects.Add(Subjects.Http(host));
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
Console.WriteLine($"load average at start: {loadAtStart}, at end: {LoadAverage()}");
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
    Console.WriteLine("(c) ÷ (a), texts/s: " + string.Join(", ", Enumerable.Range(0, workloads.Count)
        .Select(w => $"{workloads[w].Kind} × {workloads[w].BatchSize}: {seconds[w, 0] / seconds[w, 2]:F2}")));
    await DynamicBatching.PrintAsync(host, Texts.Short(12));
}

Console.WriteLine();
await TokenizerComparison.PrintAsync(Texts.Short(512), Texts.Long(64));

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown";
