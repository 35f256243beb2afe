using System.Globalization;

namespace Monolith.LoadTest;

/// <summary>Command-line options: <c>--seconds</c>, <c>--connections</c>, <c>--warmup</c>, <c>--connection</c>, <c>--output</c>, <c>--keep-database</c>.</summary>
internal sealed record LoadOptions
{
    public const string DefaultConnectionString = "Host=127.0.0.1;Port=55432;Database=monolith;Username=monolith;Password=monolith";

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);

    public int Connections { get; init; } = 64;

    /// <summary>The same mix, not recorded, before the measured run: JIT, pools, caches and the model settle.</summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(20);

    public string ConnectionString { get; init; } = DefaultConnectionString;

    public string? OutputPath { get; init; }

    public bool KeepDatabase { get; init; }

    public static LoadOptions Parse(string[] args)
    {
        var options = new LoadOptions();
        var i = 0;
        for (; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "--seconds" => options with { Duration = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture)) },
                "--connections" => options with { Connections = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--warmup" => options with { WarmUp = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture)) },
                "--connection" => options with { ConnectionString = Next() },
                "--output" => options with { OutputPath = Next() },
                "--keep-database" => options with { KeepDatabase = true },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }

        return options;

        string Next() => ++i < args.Length ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value.");
    }
}
