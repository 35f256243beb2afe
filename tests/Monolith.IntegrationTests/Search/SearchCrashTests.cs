using System.Diagnostics;
using System.Globalization;
using System.Net;
using Monolith.IntegrationTests.Infrastructure;
using Xunit.Abstractions;
using static Monolith.IntegrationTests.Search.SearchApi;

namespace Monolith.IntegrationTests.Search;

/// <summary>
/// Durability across a crash: the host runs as its own process and is killed (SIGKILL) while
/// documents are being indexed, or while an evaluation runs; started again on the same database, it
/// indexes every document, each exactly once, and finishes the evaluation (ADR 19: it starts over).
/// The slowest Search tests: most of their time is Wolverine noticing the dead node.
/// </summary>
public sealed class SearchCrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int DocumentCount = 200;
    private const int BatchSize = 50;
    private const int EvaluatedDocuments = 40;
    private const int EvaluatedQueries = 600;

    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), $"monolith-crash-{Guid.NewGuid():N}");
    private readonly List<HostProcess> _hosts = [];
    private TestDatabase? _database;

    private TestDatabase Database => _database ?? throw new InvalidOperationException("No database.");

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            host.Dispose(); // kills it if the test failed before it did
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        if (Directory.Exists(_dataPath))
        {
            Directory.Delete(_dataPath, recursive: true);
        }
    }

    [Fact]
    public async Task Documents_accepted_before_a_crash_are_all_indexed_after_a_restart_each_exactly_once()
    {
        var port = HostProcess.FreePort();
        var first = await StartHostAsync(port);
        var token = await first.NewUserTokenAsync();
        using var client = first.CreateClient(token);
        var collectionId = await client.CreateCollectionIdAsync("crash");

        // Half the documents, then the rest as soon as indexing is under way, then the crash: some are
        // indexed, some are being indexed, and some have only just been accepted.
        var texts = Enumerable.Range(0, DocumentCount).Select(Text).ToList();
        var ids = new List<Guid>();
        foreach (var batch in texts.Take(DocumentCount / 2).Chunk(BatchSize))
        {
            ids.AddRange(await client.AddDocumentsAsync(collectionId, batch.Select(text => (object)new { text })));
        }

        Assert.True(await EventuallyAsync(async () => await IndexedAsync(collectionId) >= 5, TimeSpan.FromSeconds(30)),
            $"Indexing did not start:\n{first.RecentOutput}");
        foreach (var batch in texts.Skip(DocumentCount / 2).Chunk(BatchSize))
        {
            ids.AddRange(await client.AddDocumentsAsync(collectionId, batch.Select(text => (object)new { text })));
        }

        first.Kill();
        var indexedAtCrash = await IndexedAsync(collectionId);
        Assert.InRange(indexedAtCrash, 5, DocumentCount - 1);
        Assert.Equal(DocumentCount, ids.Distinct().Count());

        // In its default (solo) mode the restarted host takes over the messages the killed one left in
        // the inbox as soon as it starts; until then they wait there.
        var restarted = Stopwatch.StartNew();
        var second = await StartHostAsync(port);
        var allIndexed = await EventuallyAsync(async () => await IndexedAsync(collectionId) == DocumentCount, TimeSpan.FromSeconds(90));
        var inbox = await Database.RowsAsync("SELECT owner_id, status, count(*) FROM wolverine.wolverine_incoming_envelopes GROUP BY 1, 2 ORDER BY 1, 2");
        Assert.True(allIndexed,
            $"{await IndexedAsync(collectionId)} of {DocumentCount} documents indexed {restarted.Elapsed.TotalSeconds:F0} s after the restart "
            + $"({indexedAtCrash} at the crash); inbox (owner, status, count): {string.Join("; ", inbox.Select(row => string.Join(", ", row)))}\n{second.RecentOutput}");
        output.WriteLine($"{indexedAtCrash} of {DocumentCount} indexed at the crash; all indexed {restarted.Elapsed.TotalSeconds:F1} s after the restart.");

        // Nothing lost, nothing doubled: every accepted document once, indexed, with exactly its chunks.
        var documents = await Database.RowsAsync(
            """
            SELECT d.id, d.status, d.chunk_count, count(c.id), count(DISTINCT c.position), coalesce(min(c.position), -1), coalesce(max(c.position), -1),
                   d.text, string_agg(c.text, '' ORDER BY c.position) FILTER (WHERE d.chunk_count = 1)
            FROM search.documents d LEFT JOIN search.chunks c ON c.document_id = d.id
            WHERE d.collection_id = @c
            GROUP BY d.id
            """,
            ("c", collectionId));
        Assert.Equal(ids.Order(), documents.Select(row => (Guid)row[0]!).Order());
        foreach (var row in documents)
        {
            var chunkCount = (int)row[2]!;
            Assert.Equal("Indexed", row[1]);
            Assert.True(chunkCount >= 1);
            Assert.Equal(chunkCount, (long)row[3]!);
            Assert.Equal(chunkCount, (long)row[4]!);
            Assert.Equal(0, (int)row[5]!);
            Assert.Equal(chunkCount - 1, (int)row[6]!);
            if (chunkCount == 1)
            {
                Assert.Equal(row[7], row[8]);
            }
        }

        Assert.Contains(documents, row => (int)row[2]! > 1); // the long ones were cut into several chunks
        Assert.Equal(0, await Database.CountAsync("SELECT count(*) FROM wolverine.wolverine_dead_letters"));

        // The restarted host serves the same user and collection (the signing key is in the data folder).
        using var again = second.CreateClient(token);
        using var collection = await again.GetAsync(Collections(collectionId));
        Assert.Equal(HttpStatusCode.OK, collection.StatusCode);
        var counts = (await collection.ReadJsonAsync())["documentCounts"]!;
        Assert.Equal(DocumentCount, counts["indexed"]!.GetValue<int>());
        var hits = await again.SearchItemsAsync(collectionId, new { query = "item123", mode = "keyword" });
        Assert.Equal(ids[123], Assert.Single(hits)["documentId"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task An_evaluation_running_at_a_crash_starts_over_after_the_restart_and_is_scored_once()
    {
        var port = HostProcess.FreePort();
        var first = await StartHostAsync(port);
        var token = await first.NewUserTokenAsync();
        using var client = first.CreateClient(token);
        var collectionId = await client.CreateCollectionIdAsync("crash evaluation");
        var ids = await client.AddDocumentsAsync(collectionId, Enumerable.Range(0, EvaluatedDocuments).Select(i => (object)new { text = Note(i), externalId = $"doc-{i}" }));
        await client.WaitForIndexedAsync(collectionId, ids);

        // Enough queries that the run is still going when the host dies; each names one document's own word, so
        // keyword search puts exactly that document first and the run has a known answer.
        var queries = Enumerable.Range(0, EvaluatedQueries).Select(i => new
        {
            id = $"q{i}",
            query = $"item{i % EvaluatedDocuments}",
            judgments = new[] { new { externalId = $"doc-{i % EvaluatedDocuments}" } },
        });
        var evaluationId = await client.StartEvaluationAsync(collectionId, new { name = "interrupted", modes = new[] { "keyword", "vector" }, queries });
        Assert.True(await EventuallyAsync(async () => await EvaluationStatusAsync(evaluationId) == "Running", TimeSpan.FromSeconds(60)),
            $"The evaluation did not start:\n{first.RecentOutput}");
        var startedBeforeCrash = (await Database.RowsAsync("SELECT started_at FROM search.evaluations WHERE id = @e", ("e", evaluationId))).Single()[0];

        first.Kill();
        Assert.Equal("Running", await EvaluationStatusAsync(evaluationId)); // killed mid-run: nothing of the scores was stored
        Assert.Equal(0, await Database.CountAsync("SELECT count(*) FROM search.evaluations WHERE id = @e AND (metrics IS NOT NULL OR query_results IS NOT NULL)", ("e", evaluationId)));

        var second = await StartHostAsync(port);
        using var again = second.CreateClient(token);
        var done = await again.WaitForEvaluationAsync($"{Evaluations(collectionId)}/{evaluationId}", TimeSpan.FromMinutes(5));

        Assert.True(done["startedAt"]!.GetValue<DateTimeOffset>() > (DateTime)startedBeforeCrash!, "The run did not start over after the restart.");
        Assert.Equal(EvaluatedQueries, done["queryCount"]!.GetValue<int>());
        Assert.Equal(EvaluatedQueries, done["queries"]!.AsArray().Count);
        var keyword = done["metrics"]!["keyword"]!;
        Assert.Equal(1.0, keyword["ndcgAt10"]!.GetValue<double>(), 6);
        Assert.Equal(1.0, keyword["mrrAt10"]!.GetValue<double>(), 6);
        Assert.InRange(done["metrics"]!["vector"]!["ndcgAt10"]!.GetValue<double>(), 0, 1);
        Assert.Equal(0, await Database.CountAsync("SELECT count(*) FROM wolverine.wolverine_dead_letters"));

        // The crash left nothing that stands in the next run's way: a new one on the restarted host finishes too.
        var next = await again.StartEvaluationAsync(collectionId, new { name = "after the crash", modes = new[] { "keyword" }, queries = queries.Take(10) });
        var nextDone = await again.WaitForEvaluationAsync($"{Evaluations(collectionId)}/{next}", TimeSpan.FromMinutes(2));
        Assert.Equal(1.0, nextDone["metrics"]!["keyword"]!["ndcgAt10"]!.GetValue<double>(), 6);
        Assert.Equal(2, await Database.CountAsync("SELECT count(*) FROM search.evaluations WHERE collection_id = @c AND status = 'Done'", ("c", collectionId)));
    }

    private async Task<HostProcess> StartHostAsync(int port)
    {
        var host = await HostProcess.StartAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = Database.ConnectionString,
            ["DataPath"] = _dataPath,
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        }, port);
        _hosts.Add(host);
        return host;
    }

    private async Task<string?> EvaluationStatusAsync(Guid evaluationId) =>
        (await Database.RowsAsync("SELECT status FROM search.evaluations WHERE id = @e", ("e", evaluationId))).Single()[0] as string;

    private Task<long> IndexedAsync(Guid collectionId) => Database.CountAsync(
        "SELECT count(*) FROM search.documents WHERE collection_id = @c AND status = 'Indexed'", ("c", collectionId));

    /// <summary>Short distinct texts; every twentieth is long enough for several chunks.</summary>
    private static string Text(int i) => i % 20 == 7 ? SearchIngestionTests.LongText(words: 450, seed: i) : Note(i);

    /// <summary>A short text whose one word "item{i}" no other note has.</summary>
    private static string Note(int i) =>
        string.Create(CultureInfo.InvariantCulture, $"Crash test note {i}: item{i} was filed in drawer {i % 17} of cabinet {i % 5} next to the {(i % 2 == 0 ? "window" : "door")}.");
}
