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
    public static async Task PrintAsync(HttpHost host, HttpHost? baseline, int[] connectionCounts, int rounds, TimeSpan slice, TimeSpan soak)
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
            if (baseline is not null)
            {
                subjects.Add(new("baseline build: users/me, JWT", new Uri(baseline.Address, "/api/v1/users/me"), baseline.AccessToken, () => baseline.ProcessorTime));
                subjects.Add(new("baseline build: users/me, API key", new Uri(baseline.Address, "/api/v1/users/me"), baseline.ApiKey, () => baseline.ProcessorTime));
            }

            Console.WriteLine();
            Console.WriteLine($"Authenticated GET, {rounds} rounds × {slice.TotalSeconds:F0} s per subject and connection count, load average before: {LoadAverage.Now}");
            Console.WriteLine();
            Console.WriteLine("| connections | subject | requests/s (median of rounds) | server CPU ms/request | ÷ bare (median of per-round ratios) | per round |");
            Console.WriteLine("|---:|---|---:|---:|---:|---|");
            foreach (var connections in connectionCounts)
            {
                foreach (var subject in subjects)
                {
                    await MeasureAsync(subject, connections, TimeSpan.FromSeconds(2)); // warm-up: JIT, pools
                }
                var perSecond = new double[rounds, subjects.Count];
                var cpu = new double[rounds, subjects.Count];
                for (var round = 0; round < rounds; round++)
                {
                    for (var turn = 0; turn < subjects.Count; turn++)
                    {
                        var s = (turn + round) % subjects.Count;
                        (perSecond[round, s], cpu[round, s]) = await MeasureAsync(subjects[s], connections, slice);
                    }
                }

                for (var s = 0; s < subjects.Count; s++)
                {
                    var ratios = Enumerable.Range(0, rounds).Select(r => perSecond[r, s] / perSecond[r, 0]).ToArray();
                    Console.WriteLine($"| {connections} | {subjects[s].Name} | {Median(Enumerable.Range(0, rounds).Select(r => perSecond[r, s])):N0} "
                        + $"| {Median(Enumerable.Range(0, rounds).Select(r => cpu[r, s])):F3} | {Median(ratios):F2} | {string.Join(" ", ratios.Select(r => r.ToString("F2")))} |");
                }
            }

            // Background work (Wolverine's agents, timers) counts in the host's CPU per request, most at one connection.
            var idle = TimeSpan.FromSeconds(3);
            var hostIdle = host.ProcessorTime;
            var baselineIdle = baseline?.ProcessorTime ?? TimeSpan.Zero;
            var bareIdle = Cpu(bare);
            await Task.Delay(idle);
            Console.WriteLine();
            Console.WriteLine($"Idle CPU over {idle.TotalSeconds:F0} s: host {(host.ProcessorTime - hostIdle).TotalMilliseconds / idle.TotalSeconds:F1} ms/s, "
                + $"bare {(Cpu(bare) - bareIdle).TotalMilliseconds / idle.TotalSeconds:F1} ms/s"
                + (baseline is null ? "" : $", baseline build {((baseline.ProcessorTime - baselineIdle).TotalMilliseconds / idle.TotalSeconds):F1} ms/s")
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

    private static async Task<(double PerSecond, double CpuMsPerRequest)> MeasureAsync(Target subject, int connections, TimeSpan duration)
    {
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections });
        var cpuBefore = subject.ServerCpu();
        var done = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            while (watch.Elapsed < duration)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, subject.Url);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", subject.Credential);
                using var response = await client.SendAsync(request);
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsByteArrayAsync();
                Interlocked.Increment(ref done);
            }
        })));
        var elapsed = watch.Elapsed.TotalSeconds;
        return (done / elapsed, (subject.ServerCpu() - cpuBefore).TotalMilliseconds / done);
    }

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
