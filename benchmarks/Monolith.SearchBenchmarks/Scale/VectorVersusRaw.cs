using System.Diagnostics;
using System.Globalization;

namespace Monolith.SearchBenchmarks.Scale;

/// <summary>
/// Vector search over the API against the same work raw (the query embedded in this process with the module's model,
/// the module's SQL through Npgsql: <see cref="RawSearch"/>), and against a baseline build's host on the same database
/// and collection if one is given. Every subject gets each query once, in an order that rotates query by query, so no
/// embedding cache answers and a busy spell on the machine hits all of them alike.
/// </summary>
internal static class VectorVersusRaw
{
    public static async Task<string> MeasureAsync(int chunks, MonolithApi api, MonolithApi? baseline, RawSearch raw, Guid collectionId, IReadOnlyList<string> queries)
    {
        var subjects = new List<(string Name, Func<string, Task> Search)>
        {
            ("API", query => api.SearchAsync(collectionId, MonolithApi.SearchBody(query, "vector", 10))),
            ("raw", async query => await raw.VectorAsync(raw.Embed(query), 10, exact: false)),
        };
        if (baseline is not null)
        {
            subjects.Add(("baseline API", query => baseline.SearchAsync(collectionId, MonolithApi.SearchBody(query, "vector", 10))));
        }

        var times = subjects.ToDictionary(s => s.Name, _ => new List<double>());
        for (var q = 0; q < queries.Count; q++)
        {
            for (var k = 0; k < subjects.Count; k++)
            {
                var (name, search) = subjects[(q + k) % subjects.Count];
                var started = Stopwatch.GetTimestamp();
                await search(queries[q]);
                times[name].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        var rawP50 = Stats.Percentile(times["raw"], 50);
        var rawP95 = Stats.Percentile(times["raw"], 95);
        return string.Join(Environment.NewLine, subjects.Select(s => string.Create(CultureInfo.InvariantCulture,
            $"| {chunks:N0} | {s.Name} | {times[s.Name].Count} | {Stats.Percentile(times[s.Name], 50):F2} ms | {Stats.Percentile(times[s.Name], 95):F2} ms | **{Stats.Percentile(times[s.Name], 50) / rawP50:F2}** | {Stats.Percentile(times[s.Name], 95) / rawP95:F2} | {Machine.LoadAverage()} |"))) + Environment.NewLine;
    }
}
