namespace Monolith.SearchBenchmarks.Files;

/// <summary>
/// <c>files [--rounds N] [--documents N] [--sections N] [--no-memory] [--connection CS] [--output FILE]</c>:
/// rounds of the file-vs-JSON comparison (default 3), documents per format in each (default 3), sections per
/// document (default 6); <c>--no-memory</c> skips the 50 MiB file.
/// </summary>
internal sealed record FileBenchmarkOptions
{
    public int Rounds { get; init; } = 3;

    public int DocumentsPerFormat { get; init; } = 3;

    public int Sections { get; init; } = 6;

    public bool Memory { get; init; } = true;

    public string ConnectionString { get; init; } = BenchmarkOptions.DefaultConnectionString;

    public string? OutputPath { get; init; }

    public static FileBenchmarkOptions Parse(string[] args)
    {
        var options = new FileBenchmarkOptions();
        for (var i = 0; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "--rounds" => options with { Rounds = int.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture) },
                "--documents" => options with { DocumentsPerFormat = int.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture) },
                "--sections" => options with { Sections = int.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture) },
                "--no-memory" => options with { Memory = false },
                "--connection" => options with { ConnectionString = Value() },
                "--output" => options with { OutputPath = Value() },
                _ => throw new ArgumentException($"Unknown argument '{args[i]}'. See benchmarks/Monolith.SearchBenchmarks/Files/FileBenchmarkOptions.cs."),
            };

            string Value() => ++i < args.Length ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value.");
        }

        return options;
    }
}
