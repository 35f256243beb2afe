using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Monolith.Benchmarks;

/// <summary>
/// The machine's fp32 peak as a tight loop of Vector256 fused multiply-adds on every core: ten independent
/// accumulators cover the FMA latency of two pipelines, so nothing waits on memory or on a previous result.
/// </summary>
internal static class PeakFlops
{
    private const int Accumulators = 10;
    private const int FlopsPerIteration = Accumulators * 8 * 2;

    /// <summary>The best of several attempts: a peak is what the cores can do when nothing else runs.</summary>
    public static double GigaflopsPerSecond(int threads, long iterations = 50_000_000)
    {
        var best = double.MaxValue;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var start = new Barrier(threads + 1);
            var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
            {
                start.SignalAndWait();
                Sink(FmaLoop(iterations));
            })).ToList();
            workers.ForEach(worker => worker.Start());
            start.SignalAndWait();
            var watch = Stopwatch.StartNew();
            workers.ForEach(worker => worker.Join());
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }

        return threads * (double)iterations * FlopsPerIteration / best / 1e9;
    }

    // Fully optimised from the first call: tier-0 or OSR code would keep accumulators in memory.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float FmaLoop(long iterations)
    {
        var a = Vector256.Create(0.999999f);
        var b = Vector256.Create(1e-7f);
        Vector256<float> c0 = Vector256.Create(0.1f), c1 = Vector256.Create(0.2f), c2 = Vector256.Create(0.3f), c3 = Vector256.Create(0.4f), c4 = Vector256.Create(0.5f);
        Vector256<float> c5 = Vector256.Create(0.6f), c6 = Vector256.Create(0.7f), c7 = Vector256.Create(0.8f), c8 = Vector256.Create(0.9f), c9 = Vector256.Create(1.0f);
        for (long i = 0; i < iterations; i++)
        {
            c0 = Vector256.FusedMultiplyAdd(c0, a, b);
            c1 = Vector256.FusedMultiplyAdd(c1, a, b);
            c2 = Vector256.FusedMultiplyAdd(c2, a, b);
            c3 = Vector256.FusedMultiplyAdd(c3, a, b);
            c4 = Vector256.FusedMultiplyAdd(c4, a, b);
            c5 = Vector256.FusedMultiplyAdd(c5, a, b);
            c6 = Vector256.FusedMultiplyAdd(c6, a, b);
            c7 = Vector256.FusedMultiplyAdd(c7, a, b);
            c8 = Vector256.FusedMultiplyAdd(c8, a, b);
            c9 = Vector256.FusedMultiplyAdd(c9, a, b);
        }

        return Vector256.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9);
    }

    // Keeps the JIT from dropping the loop as dead code.
    private static void Sink(float value)
    {
        if (float.IsNaN(value))
        {
            Console.Write(string.Empty);
        }
    }
}
