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
        return Arguments.Parse(args, new FileBenchmarkOptions(), "Files/FileBenchmarkOptions.cs", (options, name, value) => name switch
        {
            "--rounds" => options with { Rounds = Int(value()) },
            "--documents" => options with { DocumentsPerFormat = Int(value()) },
            "--sections" => options with { Sections = Int(value()) },
            "--no-memory" => options with { Memory = false },
            "--connection" => options with { ConnectionString = value() },
            "--output" => options with { OutputPath = value() },
            _ => null,
        });

        static int Int(string value) => int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
