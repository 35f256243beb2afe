using System.Diagnostics;

namespace Monolith.Benchmarks;

/// <summary>
/// Single-text requests over HTTP (each text distinct), one at a time vs many at once: concurrent requests queue while a
/// batch runs and the next inference run takes them all, so throughput should rise with concurrency.
/// </summary>
internal static class DynamicBatching
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(5);

    /// <param name="host">The host measured at every concurrency.</param>
    /// <param name="texts">Distinct short texts, one a request.</param>
    /// <param name="rawTextsPerSecond">(a) on one short text, for the ratio of the one-at-a-time row.</param>
    /// <param name="baseline">The baseline host, whose one-at-a-time row is measured right after this host's.</param>
    public static async Task PrintAsync(HttpHost host, string[] texts, double rawTextsPerSecond, HttpHost? baseline)
    {
        Console.WriteLine();
        Console.WriteLine("| single-text requests | texts/s | vs one at a time | ÷ (a) short × 1 |");
        Console.WriteLine("|---|---:|---:|---:|");
        var oneAtATime = await TextsPerSecondAsync(host, texts, concurrency: 1);
        Console.WriteLine($"| 1 at a time | {oneAtATime:N1} | 1.00× | {oneAtATime / rawTextsPerSecond:F2} |");
        if (baseline is not null)
        {
            var baselineOne = await TextsPerSecondAsync(baseline, texts, concurrency: 1);
            Console.WriteLine($"| 1 at a time, baseline build | {baselineOne:N1} | {baselineOne / oneAtATime:F2}× | {baselineOne / rawTextsPerSecond:F2} |");
        }

        foreach (var concurrency in new[] { 4, 16, 64 })
        {
            var perSecond = await TextsPerSecondAsync(host, texts, concurrency);
            Console.WriteLine($"| {concurrency} concurrent | {perSecond:N1} | {perSecond / oneAtATime:F2}× | |");
        }
    }

    private static async Task<double> TextsPerSecondAsync(HttpHost host, string[] texts, int concurrency)
    {
        await host.EmbedAsync([texts[0]]); // warm-up
        var done = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async client =>
        {
            for (var i = client; watch.Elapsed < Duration; i += concurrency)
            {
                await host.EmbedAsync([texts[i % texts.Length]]);
                Interlocked.Increment(ref done);
            }
        }));
        return done / watch.Elapsed.TotalSeconds;
    }
}
