using System.Diagnostics;
using System.Net.Http.Headers;

namespace Monolith.Benchmarks;

/// <summary>
/// The fixed cost of an authenticated request: <c>GET /api/v1/users/me</c> on the host (with the JWT, with the API key)
/// against <see cref="BareApi"/> doing the same reads, over N keep-alive connections in a closed loop (as wrk does).
/// Subjects take turns in short slices, the order rotating each round, so a busy spell hits them alike; a ratio is
/// the median of the per-round ratios. Server CPU per request comes from the processes' own CPU time.
/// </summary>
internal static class RequestCost
{
    public static async Task PrintAsync(HttpHost host, IReadOnlyList<(string Name, HttpHost Host)> baselines, int[] connectionCounts, int rounds, TimeSpan slice, TimeSpan warmup, TimeSpan soak)
    {
        var benchmarkDll = typeof(RequestCost).Assembly.Location;
        var port = HttpHost.FreePort();
        using var bare = Process.Start(new ProcessStartInfo("dotnet", [benchmarkDll, "bare-api", port.ToString(), host.DatabaseConnection])
        {
            RedirectStandardOutput = true,
        })!;
        try
        {
            var bareAddress = new Uri($"http://127.0.0.1:{port}");
            using (var probe = new HttpClient { BaseAddress = bareAddress })
            {
                await HttpHost.WaitReadyAsync(probe, "/health");
            }

            List<Target> subjects =
            [
                new("bare minimal API (same reads)", new Uri(bareAddress, "/me"), host.ApiKey, () => Cpu(bare)),
                new("users/me, JWT", new Uri(host.Address, "/api/v1/users/me"), host.AccessToken, () => host.ProcessorTime),
                new("users/me, API key", new Uri(host.Address, "/api/v1/users/me"), host.ApiKey, () => host.ProcessorTime),
            ];
            foreach (var (name, baseline) in baselines)
            {
                subjects.Add(new($"{name}: users/me, JWT", new Uri(baseline.Address, "/api/v1/users/me"), baseline.AccessToken, () => baseline.ProcessorTime));
                subjects.Add(new($"{name}: users/me, API key", new Uri(baseline.Address, "/api/v1/users/me"), baseline.ApiKey, () => baseline.ProcessorTime));
            }

            foreach (var subject in subjects)
            {
                await MeasureAsync(subject, connectionCounts[0], warmup); // until tiered compilation has settled (Options.Warmup)
            }

            Console.WriteLine();
            Console.WriteLine($"Authenticated GET, after a {warmup.TotalSeconds:F0} s warm-up per subject, {rounds} rounds × {slice.TotalSeconds:F0} s per subject and connection count, load average before: {LoadAverage.Now}");
            Console.WriteLine();
            Console.WriteLine("| connections | subject | requests/s (median of rounds) | p50 ms (median of rounds) | p90 ms | server CPU ms/request | ÷ bare (median of per-round ratios) | per round |");
            Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|---|");
            foreach (var connections in connectionCounts)
            {
                foreach (var subject in subjects)
                {
                    await MeasureAsync(subject, connections, TimeSpan.FromSeconds(2)); // this connection count's pools
                }
                var perSecond = new double[rounds, subjects.Count];
                var cpu = new double[rounds, subjects.Count];
                var p50 = new double[rounds, subjects.Count];
                var p90 = new double[rounds, subjects.Count];
                for (var round = 0; round < rounds; round++)
                {
                    for (var turn = 0; turn < subjects.Count; turn++)
                    {
                        var s = (turn + round) % subjects.Count;
                        var slot = await MeasureAsync(subjects[s], connections, slice);
                        (perSecond[round, s], cpu[round, s], p50[round, s], p90[round, s]) = (slot.PerSecond, slot.CpuMsPerRequest, slot.P50Ms, slot.P90Ms);
                    }
                }

                for (var s = 0; s < subjects.Count; s++)
                {
                    var ratios = Enumerable.Range(0, rounds).Select(r => perSecond[r, s] / perSecond[r, 0]).ToArray();
                    Console.WriteLine($"| {connections} | {subjects[s].Name} | {Median(Enumerable.Range(0, rounds).Select(r => perSecond[r, s])):N0} "
                        + $"| {Median(Enumerable.Range(0, rounds).Select(r => p50[r, s])):F2} | {Median(Enumerable.Range(0, rounds).Select(r => p90[r, s])):F2} "
                        + $"| {Median(Enumerable.Range(0, rounds).Select(r => cpu[r, s])):F3} | {Median(ratios):F2} | {string.Join(" ", ratios.Select(r => r.ToString("F2")))} |");
                }
            }

            // Background work (Wolverine's agents, timers) counts in the host's CPU per request, most at one connection.
            var idle = TimeSpan.FromSeconds(3);
            var hostIdle = host.ProcessorTime;
            var baselinesIdle = baselines.Select(b => b.Host.ProcessorTime).ToList();
            var bareIdle = Cpu(bare);
            await Task.Delay(idle);
            Console.WriteLine();
            Console.WriteLine($"Idle CPU over {idle.TotalSeconds:F0} s: host {(host.ProcessorTime - hostIdle).TotalMilliseconds / idle.TotalSeconds:F1} ms/s, "
                + $"bare {(Cpu(bare) - bareIdle).TotalMilliseconds / idle.TotalSeconds:F1} ms/s"
                + string.Concat(baselines.Select((b, i) => $", {b.Name} {(b.Host.ProcessorTime - baselinesIdle[i]).TotalMilliseconds / idle.TotalSeconds:F1} ms/s"))
                + $"; load average after: {LoadAverage.Now}");

            if (soak > TimeSpan.Zero)
            {
                // For a profiler attached from outside: dotnet-trace collect -p PID.
                Console.Error.WriteLine($"soak: users/me with the API key over 16 connections for {soak.TotalSeconds:F0} s, host pid {host.ProcessId}");
                await MeasureAsync(subjects[2], 16, soak);
            }
        }
        finally
        {
            bare.Kill();
            await bare.WaitForExitAsync();
        }
    }

    private static async Task<Slice> MeasureAsync(Target subject, int connections, TimeSpan duration)
    {
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections });
        var cpuBefore = subject.ServerCpu();
        var watch = Stopwatch.StartNew();
        // Each connection's latencies (send to the end of the body), in ticks of Stopwatch.
        var latencies = await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            var own = new List<long>();
            while (watch.Elapsed < duration)
            {
                var sent = Stopwatch.GetTimestamp();
                using var request = new HttpRequestMessage(HttpMethod.Get, subject.Url);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", subject.Credential);
                using var response = await client.SendAsync(request);
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsByteArrayAsync();
                own.Add(Stopwatch.GetTimestamp() - sent);
            }

            return own;
        })));
        var elapsed = watch.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(own => own).Order().ToArray();
        double Percentile(double p) => all[Math.Min(all.Length - 1, (int)Math.Ceiling(p * all.Length) - 1)] * 1000.0 / Stopwatch.Frequency;
        return new Slice(all.Length / elapsed, (subject.ServerCpu() - cpuBefore).TotalMilliseconds / all.Length, Percentile(0.5), Percentile(0.9));
    }

    private sealed record Slice(double PerSecond, double CpuMsPerRequest, double P50Ms, double P90Ms);

    private static TimeSpan Cpu(Process process)
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private sealed record Target(string Name, Uri Url, string Credential, Func<TimeSpan> ServerCpu);
}
