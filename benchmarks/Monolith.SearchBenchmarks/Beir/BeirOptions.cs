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
        var options = Arguments.Parse(args, new BeirOptions(), "Beir/BeirOptions.cs", (options, name, value) => name switch
        {
            "--dataset" => options with { Dataset = value() },
            "--database" => options with { Database = value() },
            "--split" => With(options, () => options.Splits.Add(value())),
            "--config" => With(options, () =>
            {
                var (label, json) = Pair(value());
                options.Configurations.Add((label, JsonNode.Parse(json)!.AsObject()));
            }),
            "--host-setting" => With(options, () =>
            {
                var (key, setting) = Pair(value());
                options.HostSettings[key] = setting;
            }),
            "--connection" => options with { ConnectionString = value() },
            "--output" => options with { OutputPath = value() },
            "--evaluations" => options with { ThroughEvaluations = true },
            _ => null,
        });

        if (options.Splits.Count == 0)
        {
            options.Splits.AddRange(["dev", "test"]);
        }

        if (options.Configurations.Count == 0)
        {
            options.Configurations.AddRange(Modes.Select(mode => (mode, new JsonObject { ["mode"] = mode })));
        }

        return options;

        // Splits, configurations and host settings are collections the record holds: an argument adds to them.
        static BeirOptions With(BeirOptions options, Action add)
        {
            add();
            return options;
        }

        static (string, string) Pair(string text) =>
            text.IndexOf('=', StringComparison.Ordinal) is var at and > 0 ? (text[..at], text[(at + 1)..]) : throw new ArgumentException($"'{text}' is not NAME=VALUE.");
    }
}
