using Monolith.IntegrationTests.Infrastructure;
using Monolith.IntegrationTests.Search;

namespace Monolith.IntegrationTests.Extraction;

/// <summary>
/// The platform as one or more host processes of the same binary over one database and the test
/// RabbitMQ, differing only in configuration (docs/extraction.md). The first process serves the public API.
/// </summary>
public sealed class PlatformShape : IAsyncDisposable
{
    /// <summary>The test broker: <c>MONOLITH_TEST_RABBITMQ</c>, else the one scripts/rabbitmq.sh runs.</summary>
    public static readonly string RabbitMq =
        Environment.GetEnvironmentVariable("MONOLITH_TEST_RABBITMQ") is { Length: > 0 } configured ? configured : "amqp://guest:guest@127.0.0.1:55672";

    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), $"monolith-shape-{Guid.NewGuid():N}");
    private readonly string _queuePrefix = $"test{Guid.NewGuid():N}";
    private readonly IReadOnlyList<string[]> _processes;
    private readonly Dictionary<int, HostProcess> _running = [];
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly int[] _ports;

    private PlatformShape(TestDatabase database, IReadOnlyDictionary<string, string> settings, IReadOnlyList<string[]> processes)
    {
        Database = database;
        _settings = settings;
        _processes = processes;
        _ports = processes.Select(_ => HostProcess.FreePort()).ToArray();
    }

    public TestDatabase Database { get; }

    /// <summary>The process serving the public API (modules of the others are forwarded from it).</summary>
    public HostProcess Gateway => _running[0];

    /// <summary>The running copy of a process (a copy of the monolith serves the API as well as the first).</summary>
    public HostProcess Process(int process) => _running[process];

    public string Describe() => string.Join(" | ", _processes.Select(modules => string.Join("+", modules)));

    /// <summary>
    /// Starts one process per module list, all at once; the first is the gateway. The same list twice is two
    /// replicas: balanced over one message store, both behind the gateway.
    /// </summary>
    public static Task<PlatformShape> StartAsync(params string[][] processes) => StartAsync(new Dictionary<string, string>(), processes);

    /// <summary>As <see cref="StartAsync(string[][])"/>, with these environment variables in every process.</summary>
    public static async Task<PlatformShape> StartAsync(IReadOnlyDictionary<string, string> settings, params string[][] processes)
    {
        var shape = new PlatformShape(await TestDatabase.CreateAsync(), settings, processes);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, processes.Length).Select(shape.StartProcessAsync));
            return shape;
        }
        catch
        {
            await shape.DisposeAsync();
            throw;
        }
    }

    /// <summary>API requests the running copy of a replica answered since it started (see <see cref="HostProcess.RequestsAnswered"/>).</summary>
    public int RequestsAnswered(int process) => _running[process].RequestsAnswered;

    /// <summary>Messages of this type the running copy of a replica took to handle (see <see cref="HostProcess.MessagesReceived"/>).</summary>
    public int MessagesReceived(int process, string type) => _running[process].MessagesReceived(type);

    public void Kill(int process)
    {
        _running[process].Dispose();
        _running.Remove(process);
    }

    /// <summary>Stops a process gracefully (SIGTERM, as a rolling restart does) and waits until it has exited.</summary>
    public async Task StopAsync(int process)
    {
        var host = _running[process];
        var exitCode = await host.StopAsync(TimeSpan.FromSeconds(90));
        Assert.True(exitCode == 0, $"Process {process} exited with {exitCode} on SIGTERM:\n{host.RecentOutput}");
        host.Dispose();
        lock (_running)
        {
            _running.Remove(process);
        }
    }

    public async Task StartProcessAsync(int process)
    {
        var modules = _processes[process];
        var environment = new Dictionary<string, string>(_settings)
        {
            ["ConnectionStrings__Postgres"] = Database.ConnectionString,
            ["DataPath"] = _dataPath,
            ["Modules__Enabled"] = string.Join(',', modules),
        };
        if (_processes.Count > 1)
        {
            environment["Messaging__RabbitMq"] = RabbitMq;
            environment["Messaging__QueuePrefix"] = _queuePrefix;
        }

        // Replicas: processes running the same modules share one message store, which takes balanced mode.
        // They also log each request and each message they take, so a test can count what each one did
        // (RequestsAnswered, MessagesReceived).
        if (ReplicasOf(process).Count() > 1)
        {
            environment["Messaging__Balanced"] = "true";
            environment["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information";
            environment["Logging__LogLevel__Wolverine.Runtime.WolverineRuntime"] = "Debug";
        }

        // Replica addresses given in the settings (e.g. one where nothing listens) come before the shape's own.
        if (process == 0)
        {
            foreach (var module in _processes.Skip(1).SelectMany(modules => modules).Distinct())
            {
                var key = $"Modules__Remote__{module}";
                var addresses = Enumerable.Range(1, _processes.Count - 1)
                    .Where(other => _processes[other].Contains(module))
                    .Select(other => $"http://127.0.0.1:{_ports[other]}");
                environment[key] = string.Join(',', _settings.TryGetValue(key, out var given) ? addresses.Prepend(given) : addresses);
            }
        }

        var host = await HostProcess.StartAsync(environment, _ports[process], TimeSpan.FromSeconds(180));
        lock (_running)
        {
            _running[process] = host;
        }
    }

    public string RecentOutput() => string.Join("\n", _running.Select(p => $"--- process {p.Key} ({string.Join("+", _processes[p.Key])}):\n{p.Value.RecentOutput}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _running.Values)
        {
            host.Dispose();
        }

        await Database.DisposeAsync();
        if (_processes.Count > 1)
        {
            await TestBroker.DeleteQueuesAsync(_queuePrefix);
        }

        if (Directory.Exists(_dataPath))
        {
            Directory.Delete(_dataPath, recursive: true);
        }
    }

    private IEnumerable<int> ReplicasOf(int process) =>
        Enumerable.Range(0, _processes.Count).Where(other => _processes[other].Order().SequenceEqual(_processes[process].Order()));
}
