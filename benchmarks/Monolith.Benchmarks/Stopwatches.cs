using System.Diagnostics;

namespace Monolith.Benchmarks;

internal static class Stopwatches
{
    /// <summary>
    /// Seconds per call: a warm-up call, then repetitions of at least <paramref name="minimumSeconds"/> each,
    /// and the fastest of them. On a shared machine other processes only ever slow a repetition down, so the
    /// fastest is the best estimate of what the code does by itself; a median drifts with the neighbours.
    /// </summary>
    public static async Task<double> SecondsPerCall(Func<Task> call, int repetitions = 3, double minimumSeconds = 0.4)
    {
        await call();
        var fastest = double.MaxValue;
        for (var r = 0; r < repetitions; r++)
        {
            var calls = 0;
            var watch = Stopwatch.StartNew();
            do
            {
                await call();
                calls++;
            }
            while (watch.Elapsed.TotalSeconds < minimumSeconds);

            fastest = Math.Min(fastest, watch.Elapsed.TotalSeconds / calls);
        }

        return fastest;
    }
}
