using System.Diagnostics;
using System.Globalization;
using Monolith.IntegrationTests.Search;
using Npgsql;

namespace Monolith.IntegrationTests.Faults;

/// <summary>
/// A throw-away PostgreSQL cluster of this test alone (same binaries as the project cluster, pgvector in
/// template1), on a free loopback port with its data in a temporary folder, so a test can stop and start
/// the database without disturbing anyone else's. Deleted on dispose.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private const string Bin = "/usr/lib/postgresql/15/bin";

    private readonly string _root;

    private PrivatePostgres(string root, int port)
    {
        _root = root;
        Port = port;
        ConnectionString = string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={port};Database=postgres;Username=postgres;Password=unused");
    }

    public int Port { get; }

    /// <summary>The superuser on the <c>postgres</c> database (trust authentication: only loopback, only this test).</summary>
    public string ConnectionString { get; }

    private string DataDirectory => Path.Combine(_root, "data");

    public static async Task<PrivatePostgres> StartAsync()
    {
        // Short path: the Unix socket lives here too, and socket paths are limited to 107 bytes.
        var root = Path.Combine(Path.GetTempPath(), $"mpg-{Guid.NewGuid():N}"[..16]);
        Directory.CreateDirectory(root);
        var cluster = new PrivatePostgres(root, HostProcess.FreePort());
        try
        {
            if (Environment.IsPrivilegedProcess)
            {
                await RunAsync("chown", "postgres:postgres", root);
            }

            await AsPostgresAsync("initdb", "-D", cluster.DataDirectory, "-U", "postgres", "-E", "UTF8", "--no-locale", "--auth=trust");
            await File.AppendAllTextAsync(Path.Combine(cluster.DataDirectory, "postgresql.conf"), string.Create(CultureInfo.InvariantCulture,
                $"\nlisten_addresses = '127.0.0.1'\nport = {cluster.Port}\nunix_socket_directories = '{root}'\nmax_connections = 100\nfsync = off\n"));
            await cluster.StartAgainAsync();
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cluster.ConnectionString) { Database = "template1", Pooling = false }.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS vector", connection);
            await command.ExecuteNonQueryAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Like an outage: the server ends every session ("terminating connection due to administrator command") and stops listening.</summary>
    public Task StopAsync() => AsPostgresAsync("pg_ctl", "-D", DataDirectory, "-m", "fast", "-w", "stop");

    public Task StartAgainAsync() =>
        AsPostgresAsync("pg_ctl", "-D", DataDirectory, "-l", Path.Combine(_root, "postgres.log"), "-w", "-t", "60", "start");

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            {
                await AsPostgresAsync("pg_ctl", "-D", DataDirectory, "-m", "immediate", "-w", "stop");
            }
        }
        finally
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    // initdb and postgres refuse to run as root; as root they run as the postgres OS user (like scripts/postgres.sh).
    private static Task AsPostgresAsync(string program, params string[] arguments) => Environment.IsPrivilegedProcess
        ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(Bin, program), .. arguments])
        : RunAsync(Path.Combine(Bin, program), arguments);

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/" };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output}\n{await error}");
        }
    }
}
