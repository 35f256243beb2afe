using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Monolith.IntegrationTests.Infrastructure;

namespace Monolith.IntegrationTests.Search;

/// <summary>
/// The built host (<c>src/Host/bin/&lt;Configuration&gt;/net10.0/Monolith.Host.dll</c>) as a separate OS
/// process, so a test can kill it like a crash would (SIGKILL, no shutdown code runs) and start it again.
/// </summary>
public sealed class HostProcess : IDisposable
{
    // Applied before the caller's environment: tests make many logins and requests, read only warnings, and a
    // broker configured in the developer's shell must not join a test's processes to other tests' queues.
    private static readonly Dictionary<string, string> TestDefaults = new()
    {
        ["RateLimits__Login__AddressFailures"] = "1000000",
        ["RateLimits__Registration__PermitLimit"] = "1000000",
        ["RateLimits__Requests__PermitLimit"] = "1000000",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Messaging__RabbitMq"] = "",
    };

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentDictionary<string, int> _messagesReceived = new(StringComparer.Ordinal);
    private int _requestsAnswered;

    private HostProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>The last lines the process wrote (for failure messages).</summary>
    public string RecentOutput => string.Join('\n', _output);

    /// <summary>
    /// API requests this process answered (health probes aside), from ASP.NET Core's "Request finished" log lines:
    /// counted only when the process logs <c>Microsoft.AspNetCore.Hosting.Diagnostics</c> at Information.
    /// </summary>
    public int RequestsAnswered => _requestsAnswered;

    /// <summary>
    /// Messages of this type (e.g. "IndexDocument") this process took to handle, from Wolverine's "Received {type}#{id}"
    /// log lines: counted only when the process logs <c>Wolverine.Runtime.WolverineRuntime</c> at Debug.
    /// </summary>
    public int MessagesReceived(string type) => _messagesReceived.GetValueOrDefault(type);

    /// <summary>Starts the host with these environment variables on <paramref name="port"/> and waits until /health/ready answers 200.</summary>
    public static async Task<HostProcess> StartAsync(IReadOnlyDictionary<string, string> environment, int port, TimeSpan? timeout = null)
    {
        var dll = HostDll();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!, // the content root: its appsettings.json
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        foreach (var (key, value) in TestDefaults.Concat(environment))
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var host = new HostProcess(process, new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}")));
        process.OutputDataReceived += (_, line) => host.Record(line.Data);
        process.ErrorDataReceived += (_, line) => host.Record(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await host.WaitUntilReadyAsync(timeout ?? TimeSpan.FromSeconds(60));
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>A loopback port nothing listens on right now.</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    // 120 s: a cold process compiles Wolverine's handler code on its first request (Dynamic mode), which took
    // over 30 s on two cores loaded by the rest of the suite.
    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(120) };

    /// <summary>A client that sends "Authorization: Bearer {credential}" (a JWT or an API key).</summary>
    public HttpClient CreateClient(string bearer)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return client;
    }

    /// <summary>Registers a new user and answers its access token (which a restarted host on the same data folder accepts too).</summary>
    public async Task<string> NewUserTokenAsync()
    {
        using var anonymous = CreateClient();
        return await anonymous.TokenAsync(await anonymous.RegisterUserAsync());
    }

    /// <summary>SIGKILL to the process and its children, then waits until it is gone.</summary>
    public void Kill()
    {
        if (!HasExited())
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit(10_000);
    }

    /// <summary>
    /// SIGTERM, what an orchestrator sends to stop a container (the host runs its shutdown: drains, stops Wolverine),
    /// then waits until the process is gone. Returns its exit code.
    /// </summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        using (var signal = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await signal.WaitForExitAsync();
        }

        using var waiting = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(waiting.Token);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        try
        {
            Kill();
        }
        finally
        {
            _process.Dispose();
        }
    }

    private bool HasExited()
    {
        try
        {
            return _process.HasExited;
        }
        catch (InvalidOperationException)
        {
            return true; // never started
        }
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (line.Contains("Request finished", StringComparison.Ordinal) && !line.Contains("/health/", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _requestsAnswered);
        }

        const string Received = ": Received ";
        if (line.IndexOf(Received, StringComparison.Ordinal) is >= 0 and var at && line.IndexOf('#', at) is > 0 and var hash)
        {
            _messagesReceived.AddOrUpdate(line[(at + Received.Length)..hash], 1, (_, count) => count + 1);
        }

        _output.Enqueue(line);
        while (_output.Count > 200 && _output.TryDequeue(out _))
        {
        }
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (HasExited())
            {
                throw new InvalidOperationException($"The host exited with code {_process.ExitCode}:\n{RecentOutput}");
            }

            try
            {
                using var response = await client.GetAsync("/health/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // not answering yet
            }

            if (waited.Elapsed > timeout)
            {
                throw new TimeoutException($"The host was not ready after {timeout.TotalSeconds} s:\n{RecentOutput}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The folder with Monolith.sln above this test assembly, or null when it runs outside the repository.</summary>
    internal static string? RepositoryRoot()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Monolith.sln")))
        {
            root = root.Parent;
        }

        return root?.FullName;
    }

    /// <summary>src/Host/bin/&lt;this assembly's configuration&gt;/net10.0/Monolith.Host.dll of the repository this test runs from.</summary>
    internal static string HostDll()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)); // …/bin/<Configuration>/<tfm>
        var targetFramework = testBin.Name;
        var configuration = testBin.Parent!.Name;
        var root = RepositoryRoot();
        var dll = root is null ? null : Path.Combine(root, "src", "Host", "bin", configuration, targetFramework, "Monolith.Host.dll");
        return dll is not null && File.Exists(dll)
            ? dll
            : throw new FileNotFoundException($"The built host was not found (looked for {dll ?? "Monolith.sln above " + AppContext.BaseDirectory}); build the solution first.");
    }
}
