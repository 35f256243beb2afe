using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Monolith.IntegrationTests.Infrastructure;
using Monolith.IntegrationTests.Search;
using Npgsql;
using Xunit.Abstractions;
using static Monolith.IntegrationTests.Search.SearchApi;

namespace Monolith.IntegrationTests.Faults;

/// <summary>
/// PostgreSQL stopped for 10 s under a steady load of a few clients and started again. The host (its own
/// process, on a private cluster that only this test stops) must fail requests fast with 503 while the
/// database is down, report not ready, recover by itself, fail nothing after recovery, and index every
/// document it accepted exactly once.
/// </summary>
public sealed class DatabaseOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Clients = 4;
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan FailFast = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(50);

    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), $"monolith-outage-{Guid.NewGuid():N}");
    private PrivatePostgres? _cluster;
    private TestDatabase? _database;
    private HostProcess? _host;

    private PrivatePostgres Cluster => _cluster ?? throw new InvalidOperationException("No cluster.");

    private TestDatabase Database => _database ?? throw new InvalidOperationException("No database.");

    private HostProcess Host => _host ?? throw new InvalidOperationException("No host.");

    private enum Kind
    {
        Me,
        Search,
        AddDocument,
        Embeddings,
    }

    public async Task InitializeAsync()
    {
        _cluster = await PrivatePostgres.StartAsync();
        try
        {
            _database = await TestDatabase.CreateAsync(_cluster.ConnectionString);
            _host = await HostProcess.StartAsync(new Dictionary<string, string>
            {
                ["ConnectionStrings__Postgres"] = _database.ConnectionString,
                ["DataPath"] = _dataPath,
            }, HostProcess.FreePort());
        }
        catch
        {
            await DisposeAsync(); // xUnit does not dispose a class whose initialisation failed
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        try
        {
            _host?.Dispose();
            if (_database is not null)
            {
                await _database.DisposeAsync();
            }
        }
        finally
        {
            // Always: a cluster left running would hold its port and temporary folder for good.
            if (_cluster is not null)
            {
                await _cluster.DisposeAsync();
            }

            if (Directory.Exists(_dataPath))
            {
                Directory.Delete(_dataPath, recursive: true);
            }
        }
    }

    [Fact]
    public async Task PostgreSQL_down_for_10_s_under_load_fails_requests_fast_with_503_then_recovers_without_losing_a_document()
    {
        using var anonymous = Host.CreateClient();
        var user = await anonymous.RegisterUserAsync();
        using var client = Host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await anonymous.TokenAsync(user));
        using var keyResponse = await client.PostAsJsonAsync("/api/v1/users/me/api-keys", new { name = "outage" });
        var apiKey = (await keyResponse.ReadJsonAsync())["key"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        var collectionId = await client.CreateCollectionIdAsync("outage");
        await client.WaitForIndexedAsync(collectionId, [await client.AddDocumentAsync(collectionId, new { text = "Bees find flowers by the waggle dance." })]);

        var clock = Stopwatch.StartNew();
        var outcomes = new ConcurrentQueue<Outcome>();
        var readiness = new ConcurrentQueue<(TimeSpan At, HttpStatusCode Status)>();
        var accepted = new ConcurrentBag<Guid>();
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, Clients)
            .Select(worker => Task.Run(() => WorkAsync(worker, apiKey, collectionId, clock, outcomes, accepted, stop.Token)))
            .Append(Task.Run(() => WatchReadinessAsync(clock, readiness, stop.Token)))
            .ToList();

        await Task.Delay(TimeSpan.FromSeconds(3));

        // A full batch of paragraphs just before the stop (seconds of model work), so that indexing is under way when the database goes.
        foreach (var id in await client.AddDocumentsAsync(collectionId, Enumerable.Range(0, 100).Select(i => (object)new { text = SearchIngestionTests.LongText(words: 120, seed: i) })))
        {
            accepted.Add(id);
        }

        var pendingAtStop = await Database.CountAsync("SELECT count(*) FROM search.documents WHERE collection_id = @c AND status = 'Pending'", ("c", collectionId));
        var stoppedAt = clock.Elapsed;
        await Cluster.StopAsync();
        await Task.Delay(Outage);
        await Cluster.StartAgainAsync();
        var restartedAt = clock.Elapsed;
        NpgsqlConnection.ClearAllPools(); // this process's idle connections died with the stop (the host must cope by itself)
        Assert.True(await EventuallyAsync(() => Task.FromResult(readiness.Any(r => r.At > restartedAt && r.Status == HttpStatusCode.OK)), TimeSpan.FromSeconds(60)),
            $"Not ready 60 s after PostgreSQL came back:\n{Host.RecentOutput}");
        var recoveredAt = readiness.First(r => r.At > restartedAt && r.Status == HttpStatusCode.OK).At;
        await Task.Delay(TimeSpan.FromSeconds(8));
        await stop.CancelAsync();
        await Task.WhenAll(load);

        var all = outcomes.ToList();
        var before = all.Where(o => o.Started + o.Duration < stoppedAt).ToList();
        var during = all.Where(o => o.Started + o.Duration >= stoppedAt && o.Started < recoveredAt).ToList();
        var after = all.Where(o => o.Started >= recoveredAt).ToList();
        var unavailable = during.Where(o => o.Status == HttpStatusCode.ServiceUnavailable).ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{all.Count} requests from {Clients} clients: {before.Count} before the stop, {during.Count} from the stop until ready again "
            + $"({unavailable.Count} × 503, slowest {during.Max(o => o.Duration).TotalMilliseconds:F0} ms, 503 p50 {Median(unavailable):F0} ms), {after.Count} after; "
            + $"ready {(recoveredAt - restartedAt).TotalSeconds:F1} s after PostgreSQL started again; {accepted.Count} documents accepted, {pendingAtStop} pending at the stop."));

        Assert.All(before, o => Assert.True(o.Succeeded, $"before the outage: {o}"));
        Assert.All(during, o => Assert.True(o.Succeeded || o.Status == HttpStatusCode.ServiceUnavailable, $"during the outage: {o}"));
        Assert.All(during, o => Assert.True(o.Duration < FailFast, $"not fast during the outage: {o}"));
        Assert.All(unavailable, o => Assert.True(o.WellFormed503, $"503 without Retry-After or problem body: {o}"));
        Assert.Contains(unavailable, o => o.Kind == Kind.Me);
        Assert.Contains(unavailable, o => o.Kind == Kind.AddDocument);
        Assert.All(after, o => Assert.True(o.Succeeded, $"after recovery: {o}"));
        Assert.True(after.Count >= 20, $"only {after.Count} requests after recovery");
        Assert.Contains(readiness, r => r.At > stoppedAt && r.At < restartedAt && r.Status == HttpStatusCode.ServiceUnavailable);
        Assert.True(pendingAtStop > 0, "indexing was not under way when the database stopped");

        // Every document that got a 202 is indexed, exactly once: nothing pending, failed or doubled.
        var indexed = await EventuallyAsync(
            async () => await Database.CountAsync("SELECT count(*) FROM search.documents WHERE collection_id = @c AND status <> 'Indexed'", ("c", collectionId)) == 0,
            TimeSpan.FromSeconds(60));
        var documents = await Database.RowsAsync(
            """
            SELECT d.id, d.status, d.chunk_count, count(c.id), count(DISTINCT c.position)
            FROM search.documents d LEFT JOIN search.chunks c ON c.document_id = d.id
            WHERE d.collection_id = @c GROUP BY d.id
            """,
            ("c", collectionId));
        Assert.True(indexed, $"Not all indexed: {string.Join("; ", documents.Where(row => (string)row[1]! != "Indexed").Select(row => string.Join(", ", row)))}\n{Host.RecentOutput}");
        var stored = documents.ToDictionary(row => (Guid)row[0]!);
        Assert.All(accepted, id => Assert.True(stored.ContainsKey(id), $"accepted document {id} was lost"));
        Assert.All(documents, row =>
        {
            Assert.Equal("Indexed", row[1]);
            Assert.Equal((long)(int)row[2]!, (long)row[3]!);
            Assert.Equal((long)row[3]!, (long)row[4]!);
        });
        Assert.Equal(0, await Database.CountAsync("SELECT count(*) FROM wolverine.wolverine_dead_letters"));

        // Wolverine's own bookkeeping recovered too: no message is left waiting in its inbox.
        var inboxDrained = await EventuallyAsync(
            async () => await Database.CountAsync("SELECT count(*) FROM wolverine.wolverine_incoming_envelopes WHERE status <> 'Handled'") == 0,
            TimeSpan.FromSeconds(30));
        var inbox = await Database.RowsAsync("SELECT message_type, status, owner_id, attempts FROM wolverine.wolverine_incoming_envelopes WHERE status <> 'Handled'");
        Assert.True(inboxDrained, $"left in the inbox: {string.Join("; ", inbox.Select(row => string.Join(", ", row)))}");
    }

    private async Task WorkAsync(
        int worker, string apiKey, Guid collectionId, Stopwatch clock, ConcurrentQueue<Outcome> outcomes, ConcurrentBag<Guid> accepted, CancellationToken stop)
    {
        // A hang shows as a long duration (asserted), not as a client timeout.
        using var client = Host.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(60);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        var kinds = Enum.GetValues<Kind>();
        for (var i = worker; !stop.IsCancellationRequested; i++)
        {
            var kind = kinds[i % kinds.Length];
            var started = clock.Elapsed;
            try
            {
                using var response = kind switch
                {
                    Kind.Me => await client.GetAsync("/api/v1/users/me", CancellationToken.None),
                    Kind.Search => await client.PostAsJsonAsync($"{Collections(collectionId)}/search", new { query = $"how do bees dance {i}" }, CancellationToken.None),
                    Kind.AddDocument => await client.PostAsJsonAsync(Documents(collectionId), new { text = $"Outage note {worker}-{i}: the hive moved {i % 7} metres." }, CancellationToken.None),
                    _ => await client.PostAsJsonAsync("/v1/embeddings", new { input = $"waggle dance {i}" }, CancellationToken.None),
                };
                var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
                if (kind == Kind.AddDocument && response.StatusCode == HttpStatusCode.Accepted)
                {
                    accepted.Add(System.Text.Json.Nodes.JsonNode.Parse(body)!["id"]!.GetValue<Guid>());
                }

                var wellFormed = response.Headers.RetryAfter is not null
                    && (kind == Kind.Embeddings
                        ? body.Contains("\"service_unavailable\"", StringComparison.Ordinal)
                        : response.Content.Headers.ContentType?.MediaType == "application/problem+json" && body.Contains("/problems/service-unavailable", StringComparison.Ordinal));
                outcomes.Enqueue(new Outcome(kind, started, clock.Elapsed - started, response.StatusCode, wellFormed, body.Length > 300 ? body[..300] : body));
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                outcomes.Enqueue(new Outcome(kind, started, clock.Elapsed - started, null, false, exception.Message));
            }

            await Task.Delay(Pace, CancellationToken.None);
        }
    }

    private async Task WatchReadinessAsync(Stopwatch clock, ConcurrentQueue<(TimeSpan, HttpStatusCode)> readiness, CancellationToken stop)
    {
        using var client = Host.CreateClient();
        while (!stop.IsCancellationRequested)
        {
            using var response = await client.GetAsync("/health/ready", CancellationToken.None);
            readiness.Enqueue((clock.Elapsed, response.StatusCode));
            await Task.Delay(TimeSpan.FromMilliseconds(200), CancellationToken.None);
        }
    }

    private static double Median(List<Outcome> outcomes) =>
        outcomes.Count == 0 ? 0 : outcomes.Select(o => o.Duration.TotalMilliseconds).Order().ElementAt(outcomes.Count / 2);

    private sealed record Outcome(Kind Kind, TimeSpan Started, TimeSpan Duration, HttpStatusCode? Status, bool WellFormed503, string Body)
    {
        public bool Succeeded => Status is { } status && (int)status is >= 200 and < 300;

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{Kind} at {Started.TotalSeconds:F2} s took {Duration.TotalMilliseconds:F0} ms: {(Status is { } s ? (int)s : 0)} {Body}");
    }
}
