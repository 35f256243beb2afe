using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Npgsql;

namespace Monolith.Benchmarks;

/// <summary>
/// The platform as users run it: the Release host in its own process on a loopback port, over a
/// database of its own, with the embedding cache off so every request runs the model. Gives an
/// HttpClient authenticated with an API key. Build it first: dotnet build -c Release src/Host.
/// </summary>
internal sealed class HttpHost : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _adminConnection;
    private readonly string _database;

    private HttpHost(Process process, string adminConnection, string database, HttpClient client)
    {
        _process = process;
        _adminConnection = adminConnection;
        _database = database;
        Client = client;
    }

    public HttpClient Client { get; }

    public static async Task<HttpHost> StartAsync()
    {
        var root = RepositoryRoot();
        var hostDll = Path.Combine(root, "src/Host/bin/Release/net10.0/Monolith.Host.dll");
        if (!File.Exists(hostDll))
        {
            throw new InvalidOperationException($"Build the host first: dotnet build -c Release src/Host ({hostDll} is missing).");
        }

        var adminConnection = Environment.GetEnvironmentVariable("ConnectionStrings__Postgres")
            ?? "Host=127.0.0.1;Port=55432;Database=monolith;Username=monolith;Password=monolith";
        var database = $"monolith_bench_{Guid.NewGuid():N}";
        await ExecuteAsync(adminConnection, $"CREATE DATABASE {database}");

        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [hostDll, "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = Path.GetDirectoryName(hostDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ConnectionStrings__Postgres"] = new NpgsqlConnectionStringBuilder(adminConnection) { Database = database }.ConnectionString;
        start.Environment["DataPath"] = Directory.CreateTempSubdirectory("monolith-bench").FullName;
        start.Environment["Embeddings__Cache"] = "false";
        start.Environment["RateLimits__Login__AddressFailures"] = "1000000";
        start.Environment["RateLimits__Registration__PermitLimit"] = "1000000";
        start.Environment["RateLimits__Requests__PermitLimit"] = "100000000";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await WaitReadyAsync(client);
        var credentials = new { email = $"bench-{Guid.NewGuid():N}@example.com", password = "benchmark-password-1", displayName = "bench" };
        (await client.PostAsJsonAsync("/api/v1/auth/register", credentials)).EnsureSuccessStatusCode();
        var token = await (await client.PostAsJsonAsync("/api/v1/auth/token", credentials)).Content.ReadFromJsonAsync<JsonObject>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!["accessToken"]!.GetValue<string>());
        var key = await (await client.PostAsJsonAsync("/api/v1/users/me/api-keys", new { name = "bench" })).Content.ReadFromJsonAsync<JsonObject>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key!["key"]!.GetValue<string>());
        return new HttpHost(process, adminConnection, database, client);
    }

    public async Task EmbedAsync(IReadOnlyList<string> texts)
    {
        using var response = await Client.PostAsJsonAsync("/v1/embeddings", new { input = texts, model = "all-MiniLM-L6-v2" });
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        await ExecuteAsync(_adminConnection, $"DROP DATABASE IF EXISTS {_database} WITH (FORCE)");
    }

    private static async Task WaitReadyAsync(HttpClient client)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                if ((await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("The host did not become ready within 60 s.");
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Monolith.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Run the benchmark from inside the repository.");
    }
}
