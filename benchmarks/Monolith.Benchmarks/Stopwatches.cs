using System.Diagnostics;

namespace Monolith.Benchmarks;

/// <summary>Warm-up, then repetitions of at least a minimum duration; the median seconds per call.</summary>
internal static class Stopwatches
{
    public static async Task<double> SecondsPerCall(Func<Task> call, int repetitions = 5, double minimumSeconds = 0.4)
    {
        await call();
        var perCall = new double[repetitions];
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

            perCall[r] = watch.Elapsed.TotalSeconds / calls;
        }

        Array.Sort(perCall);
        return perCall[repetitions / 2];
    }
}
