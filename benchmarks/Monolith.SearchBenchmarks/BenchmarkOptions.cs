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
        var scale = 1.0;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--quick")
            {
                scale = 0.05;
            }
            else if (args[i] is "--scale")
            {
                scale = double.Parse(Next(), CultureInfo.InvariantCulture);
            }
        }

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

        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    break;
                case "--scale":
                    i++;
                    break;
                case "--documents":
                    options = options with { Documents = Int() };
                    break;
                case "--chunks":
                    options = options with { TargetChunks = Int() };
                    break;
                case "--ingestion-seconds":
                    options = options with { IngestionBudget = TimeSpan.FromSeconds(Int()) };
                    break;
                case "--bulk-seconds":
                    options = options with { BulkBudget = TimeSpan.FromSeconds(Int()) };
                    break;
                case "--queries":
                    options = options with { Queries = Int() };
                    break;
                case "--runs":
                    options = options with { Runs = Int() };
                    break;
                case "--recall-queries":
                    options = options with { RecallQueries = Int() };
                    break;
                case "--no-reindex":
                    options = options with { Reindex = false };
                    break;
                case "--reindex-memory":
                    options = options with { ReindexMemory = Value() };
                    break;
                case "--keep-database":
                    options = options with { KeepDatabase = true };
                    break;
                case "--connection":
                    options = options with { ConnectionString = Value() };
                    break;
                case "--output":
                    options = options with { OutputPath = Value() };
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'. See benchmarks/Monolith.SearchBenchmarks/Program.cs.");
            }

            int Int() => int.Parse(Value(), CultureInfo.InvariantCulture);

            string Value() => ++i < args.Length ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value.");
        }

        return options;

        string Next()
        {
            var index = Array.IndexOf(args, "--scale") + 1;
            return index < args.Length ? args[index] : throw new ArgumentException("--scale needs a value.");
        }
    }
}
