namespace Monolith.SearchBenchmarks;

internal static class Stats
{
    /// <summary>Percentile with linear interpolation between the closest ranks (p in 0-100).</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        var rank = p / 100 * (sorted.Length - 1);
        var lower = (int)Math.Floor(rank);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + ((rank - lower) * (sorted[upper] - sorted[lower]));
    }

    public static double Median(IReadOnlyCollection<double> values) => Percentile(values, 50);
}

/// <summary>Latencies of one run of one mode: API and raw side by side, query by query.</summary>
internal sealed class LatencyRun(string mode, int run, bool warmCache)
{
    public string Mode { get; } = mode;

    public int Run { get; } = run;

    /// <summary>The API had embedded these queries before (its embedding cache answers instead of the model).</summary>
    public bool WarmCache { get; } = warmCache;

    public List<double> Api { get; } = [];

    public List<double> Raw { get; } = [];

    public List<double> RawEmbedding { get; } = [];

    public List<double> RawVectorSql { get; } = [];

    public List<double> RawKeywordSql { get; } = [];

    public List<double> Handler { get; } = [];

    public List<double> Overlap { get; } = [];

    /// <summary>Top 10 of the last call on each side, until <c>Compare</c> takes them.</summary>
    public List<Guid>? LastApi { get; set; }

    public List<Guid>? LastRaw { get; set; }

    public double ApiP50 => Stats.Percentile(Api, 50);

    public double ApiP95 => Stats.Percentile(Api, 95);

    public double RawP50 => Stats.Percentile(Raw, 50);

    public double RawP95 => Stats.Percentile(Raw, 95);
}
