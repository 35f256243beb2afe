using System.Text.Json.Nodes;

namespace Monolith.SearchBenchmarks.Beir;

/// <summary>
/// <c>beir [--dataset DIR] [--database NAME] [--split dev|test]... [--config LABEL=JSON]... [--host-setting KEY=VALUE]...
/// [--connection CS] [--output FILE] [--evaluations]</c>. A configuration is the JSON of search request fields besides query and
/// topK (default topK 100); without <c>--config</c> the three modes run with their defaults. <c>--evaluations</c>: each split
/// is also run once through the platform's own evaluation endpoint (POST …/evaluations), as a user would.
/// </summary>
internal sealed record BeirOptions
{
    public static readonly string[] Modes = ["vector", "keyword", "hybrid"];

    public string Dataset { get; init; } = "../shared/datasets/nfcorpus";

    public string Database { get; init; } = "beir_nfcorpus";

    public List<string> Splits { get; init; } = [];

    public List<(string Label, JsonObject Overrides)> Configurations { get; init; } = [];

    public Dictionary<string, string> HostSettings { get; init; } = [];

    public string ConnectionString { get; init; } = BenchmarkOptions.DefaultConnectionString;

    public string? OutputPath { get; init; }

    public bool ThroughEvaluations { get; init; }

    public static BeirOptions Parse(string[] args)
    {
        var options = new BeirOptions();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--dataset":
                    options = options with { Dataset = Value() };
                    break;
                case "--database":
                    options = options with { Database = Value() };
                    break;
                case "--split":
                    options.Splits.Add(Value());
                    break;
                case "--config":
                    var (label, json) = Pair(Value());
                    options.Configurations.Add((label, JsonNode.Parse(json)!.AsObject()));
                    break;
                case "--host-setting":
                    var (key, value) = Pair(Value());
                    options.HostSettings[key] = value;
                    break;
                case "--connection":
                    options = options with { ConnectionString = Value() };
                    break;
                case "--output":
                    options = options with { OutputPath = Value() };
                    break;
                case "--evaluations":
                    options = options with { ThroughEvaluations = true };
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'. See benchmarks/Monolith.SearchBenchmarks/Beir/BeirOptions.cs.");
            }

            string Value() => ++i < args.Length ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value.");
        }

        if (options.Splits.Count == 0)
        {
            options.Splits.AddRange(["dev", "test"]);
        }

        if (options.Configurations.Count == 0)
        {
            options.Configurations.AddRange(Modes.Select(mode => (mode, new JsonObject { ["mode"] = mode })));
        }

        return options;

        static (string, string) Pair(string text) =>
            text.IndexOf('=', StringComparison.Ordinal) is var at and > 0 ? (text[..at], text[(at + 1)..]) : throw new ArgumentException($"'{text}' is not NAME=VALUE.");
    }
}
