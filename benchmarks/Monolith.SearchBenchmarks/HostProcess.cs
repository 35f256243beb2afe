using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Monolith.SearchBenchmarks;

/// <summary>
/// The real host (<c>dotnet Monolith.Host.dll</c>, Release) as a child process on a free loopback port, with its
/// production defaults except the settings a benchmark needs (its own database, data folder, no rate limit on
/// registration, batches of 500 documents). Its output is drained and kept (the last lines) for error reports.
/// </summary>
internal sealed class HostProcess : IDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _lastLines = new();
    private readonly Lock _linesLock = new();

    private HostProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public int Id => _process.Id;

    public int WarningsAndErrors { get; private set; }

    public static async Task<HostProcess> StartAsync(
        string hostDll, string connectionString, string dataPath, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(hostDll)!, // appsettings.json is read from the content root
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(hostDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Postgres"] = connectionString;
        start.Environment["DataPath"] = dataPath;
        start.Environment["RateLimits__Login__AddressFailures"] = "1000000";
        start.Environment["RateLimits__Registration__PermitLimit"] = "1000000";
        start.Environment["RateLimits__Requests__PermitLimit"] = "100000000";
        start.Environment["Search__Limits__MaxBatchDocuments"] = "500";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var host = new HostProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, line) => host.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => host.Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with {process.ExitCode}:\n{host.LastLines()}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/health/live", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return host;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // migrating
            }

            await Task.Delay(200);
        }

        host.Dispose();
        throw new TimeoutException("The host did not become live within 90 s.");
    }

    /// <summary>Counts warnings from now on (start-up logs EF Core's failed look-up of a migrations table that does not exist yet).</summary>
    public void ResetWarnings()
    {
        lock (_linesLock)
        {
            WarningsAndErrors = 0;
        }
    }

    /// <summary>CPU time the host has used so far (user + system, all threads).</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    public (double Rss, double Peak) MemoryMiB() => Machine.ProcessMemoryMiB(_process.Id);

    public string LastLines()
    {
        lock (_linesLock)
        {
            return string.Join('\n', _lastLines);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_linesLock)
        {
            // Console logger prefixes: "warn:", "fail:", "crit:".
            if (line.StartsWith("warn:", StringComparison.Ordinal) || line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal))
            {
                WarningsAndErrors++;
            }

            _lastLines.Enqueue(line);
            if (_lastLines.Count > 200)
            {
                _lastLines.Dequeue();
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
