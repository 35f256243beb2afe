using System.Globalization;

namespace Monolith.SearchBenchmarks;

/// <summary>
/// Sizes and limits of a run. <c>--scale</c> multiplies every size (and the bulk time budget); <c>--quick</c> is
/// <c>--scale 0.05</c>. Single sizes can be set on their own after it.
/// </summary>
internal sealed record BenchmarkOptions
{
    public const string DefaultConnectionString = "Host=127.0.0.1;Port=55432;Database=monolith;Username=monolith;Password=monolith";

    public double Scale { get; init; } = 1;

    /// <summary>Documents ingested over HTTP (about one chunk each).</summary>
    public int Documents { get; init; } = 2_000;

    /// <summary>No new batch of documents is submitted after this much ingestion time (the measurement stays whole batches).</summary>
    public TimeSpan IngestionBudget { get; init; } = TimeSpan.FromSeconds(100);

    /// <summary>Chunks the collection should hold for the search measurements (ingested + bulk).</summary>
    public int TargetChunks { get; init; } = 100_000;

    /// <summary>Wall-clock limit for embedding the bulk: the target is cut to what fits.</summary>
    public TimeSpan BulkBudget { get; init; } = TimeSpan.FromSeconds(270);

    /// <summary>Queries per latency run and mode.</summary>
    public int Queries { get; init; } = 200;

    public int Runs { get; init; } = 5;

    public int RecallQueries { get; init; } = 100;

    public bool Reindex { get; init; } = true;

    /// <summary><c>maintenance_work_mem</c> for the timed REINDEX (the CREATE INDEX before it runs at the server's setting).</summary>
    public string ReindexMemory { get; init; } = "1GB";

    public bool KeepDatabase { get; init; }

    public string ConnectionString { get; init; } = DefaultConnectionString;

    public string? OutputPath { get; init; }

    public static BenchmarkOptions Parse(string[] args)
    {
        var options = new BenchmarkOptions();
        var scale = Arguments.Value(args, "--scale") is { } given ? double.Parse(given, CultureInfo.InvariantCulture) : args.Contains("--quick") ? 0.05 : 1.0;
        options = options with
        {
            Scale = scale,
            Documents = Math.Max(20, (int)(options.Documents * scale)),
            TargetChunks = Math.Max(1_000, (int)(options.TargetChunks * scale)),
            IngestionBudget = TimeSpan.FromSeconds(Math.Max(30, options.IngestionBudget.TotalSeconds * scale)),
            BulkBudget = TimeSpan.FromSeconds(Math.Max(15, options.BulkBudget.TotalSeconds * scale)),
            Queries = Math.Max(20, (int)(options.Queries * scale)),
            RecallQueries = Math.Max(20, (int)(options.RecallQueries * scale)),
        };

        options = Arguments.Parse(args, options, "Program.cs", (options, name, value) => name switch
        {
            "--quick" => options,
            "--scale" => SteppedOver(options, value()),
            "--documents" => options with { Documents = Int(value()) },
            "--chunks" => options with { TargetChunks = Int(value()) },
            "--ingestion-seconds" => options with { IngestionBudget = TimeSpan.FromSeconds(Int(value())) },
            "--bulk-seconds" => options with { BulkBudget = TimeSpan.FromSeconds(Int(value())) },
            "--queries" => options with { Queries = Int(value()) },
            "--runs" => options with { Runs = Int(value()) },
            "--recall-queries" => options with { RecallQueries = Int(value()) },
            "--no-reindex" => options with { Reindex = false },
            "--reindex-memory" => options with { ReindexMemory = value() },
            "--keep-database" => options with { KeepDatabase = true },
            "--connection" => options with { ConnectionString = value() },
            "--output" => options with { OutputPath = value() },
            _ => null,
        });

        return options;

        static int Int(string value) => int.Parse(value, CultureInfo.InvariantCulture);

        // --quick and --scale were applied first (every size depends on them); here --scale's value is only stepped over.
        static BenchmarkOptions SteppedOver(BenchmarkOptions options, string _) => options;
    }
}
