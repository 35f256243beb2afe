namespace Monolith.Benchmarks;

/// <summary>
/// Command line: <c>[requests] [--connection CS] [--spinning] [--no-http] [--rounds N] [--seconds S] [--warmup S] [--soak S] [--baseline-host [NAME=]DLL …]</c>. <c>--connection</c>
/// is the PostgreSQL server the host's database is made on (as in the search benchmarks; default the project cluster).
/// </summary>
internal sealed record Options
{
    public const string DefaultConnectionString = "Host=127.0.0.1;Port=55432;Database=monolith;Username=monolith;Password=monolith";

    /// <summary>Only the request-cost comparison (<see cref="RequestCost"/>), not the embeddings tables.</summary>
    public bool RequestsOnly { get; init; }

    public string ConnectionString { get; init; } = DefaultConnectionString;

    /// <summary>ONNX Runtime's idle workers spin, in the benchmark's sessions and in the host (default: off, as the module ships).</summary>
    public bool Spinning { get; init; }

    public bool Http { get; init; } = true;

    public int Rounds { get; init; } = 5;

    public TimeSpan Slice { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Earlier builds of the host (each a Monolith.Host.dll in a copied bin/Release folder), measured alongside:
    /// before/after in one run. <c>--baseline-host DLL</c> or <c>--baseline-host NAME=DLL</c>, repeatable (the request-cost mode
    /// measures every one; the embeddings mode the first).
    /// </summary>
    public IReadOnlyList<(string Name, string Dll)> BaselineHosts { get; init; } = [];

    public string? BaselineHost => BaselineHosts.Count > 0 ? BaselineHosts[0].Dll : null;

    /// <summary>
    /// Before the request-cost rounds, each subject this long at the first connection count (1), and in the embeddings
    /// mode each host this long of single texts before the table: long enough for the runtime's tiered
    /// compilation to reach its final code. The host has far more code than the bare API, and 12 s into a load perf
    /// still found most of its request path in tier-0 or instrumented code, with the JIT's thread taking 18 % of the
    /// process's CPU (docs/benchmarks.md, "Request cost").
    /// </summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>After the request-cost table, this long more of API-key requests, for a profiler to attach to.</summary>
    public TimeSpan Soak { get; init; }

    public static Options Parse(string[] args)
    {
        var options = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "requests" when i == 0 => options with { RequestsOnly = true },
                "--connection" => options with { ConnectionString = args[++i] },
                "--spinning" => options with { Spinning = true },
                "--no-http" => options with { Http = false },
                "--rounds" => options with { Rounds = int.Parse(args[++i]) },
                "--seconds" => options with { Slice = TimeSpan.FromSeconds(double.Parse(args[++i])) },
                "--baseline-host" => options with { BaselineHosts = [.. options.BaselineHosts, Baseline(args[++i])] },
                "--warmup" => options with { Warmup = TimeSpan.FromSeconds(double.Parse(args[++i])) },
                "--soak" => options with { Soak = TimeSpan.FromSeconds(double.Parse(args[++i])) },
                _ => throw new ArgumentException($"Unknown argument '{args[i]}'. Usage: [requests] [--connection CS] [--spinning] [--no-http] [--rounds N] [--seconds S] [--warmup S] [--soak S] [--baseline-host [NAME=]DLL …]"),
            };
        }

        return options;
    }

    private static (string Name, string Dll) Baseline(string argument) =>
        argument.IndexOf('=', StringComparison.Ordinal) is var at and > 0 ? (argument[..at], argument[(at + 1)..]) : ("baseline build", argument);
}
