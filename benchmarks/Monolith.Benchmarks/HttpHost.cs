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

    private HttpHost(Process process, string adminConnection, string database, HttpClient client, string accessToken, string apiKey)
    {
        _process = process;
        _adminConnection = adminConnection;
        _database = database;
        Client = client;
        AccessToken = accessToken;
        ApiKey = apiKey;
    }

    /// <summary>Authenticated with <see cref="ApiKey"/>.</summary>
    public HttpClient Client { get; }

    public Uri Address => Client.BaseAddress!;

    /// <summary>A JWT of the same user, from <c>/api/v1/auth/token</c>.</summary>
    public string AccessToken { get; }

    public string ApiKey { get; }

    /// <summary>The host's database, for a second server doing the same reads on the same rows.</summary>
    public string DatabaseConnection => new NpgsqlConnectionStringBuilder(_adminConnection) { Database = _database }.ConnectionString;

    public int ProcessId => _process.Id;

    /// <summary>CPU time the host process has used so far.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <param name="adminConnection">A PostgreSQL server on which the benchmark may create and drop a database.</param>
    /// <param name="spinning">Let the host's ONNX Runtime threads spin (<c>Embeddings:LocalModelSpinning</c>).</param>
    /// <param name="hostDll">Another build of the host (a copy of an earlier bin/Release folder) instead of this repository's.</param>
    public static async Task<HttpHost> StartAsync(string adminConnection, bool spinning, string? hostDll = null)
    {
        hostDll ??= Path.Combine(RepositoryRoot(), "src/Host/bin/Release/net10.0/Monolith.Host.dll");
        if (!File.Exists(hostDll))
        {
            throw new InvalidOperationException($"Build the host first: dotnet build -c Release src/Host ({hostDll} is missing).");
        }

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
        start.Environment["Embeddings__LocalModelSpinning"] = spinning ? "true" : "false";
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
        var accessToken = token!["accessToken"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        var key = await (await client.PostAsJsonAsync("/api/v1/users/me/api-keys", new { name = "bench" })).Content.ReadFromJsonAsync<JsonObject>();
        var apiKey = key!["key"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return new HttpHost(process, adminConnection, database, client, accessToken, apiKey);
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

    internal static async Task WaitReadyAsync(HttpClient client, string path = "/health/ready")
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                if ((await client.GetAsync(path)).StatusCode == HttpStatusCode.OK)
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

        throw new TimeoutException($"{client.BaseAddress} did not become ready within 60 s.");
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static string RepositoryRoot()
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
