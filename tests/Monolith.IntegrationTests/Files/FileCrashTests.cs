using System.Diagnostics;
using Monolith.IntegrationTests.Infrastructure;
using Monolith.IntegrationTests.Search;
using Monolith.Modules.Search;
using Monolith.Modules.Search.Ingestion.Files;
using Xunit.Abstractions;
using static Monolith.IntegrationTests.Search.SearchApi;

namespace Monolith.IntegrationTests.Files;

/// <summary>
/// Durability of uploads across a crash: the host runs as its own process and is killed (SIGKILL) while
/// it is extracting files; started again on the same database, it extracts and indexes every accepted
/// file, each exactly once and with exactly the chunks the same file gets when nothing crashes.
/// </summary>
public sealed class FileCrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int FileCount = 12;
    private const int PagesPerFile = 3;
    private const int MaxCrashAttempts = 3;

    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), $"monolith-file-crash-{Guid.NewGuid():N}");
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
    public async Task Files_accepted_before_a_crash_during_extraction_are_all_extracted_and_indexed_after_a_restart_each_exactly_once()
    {
        var port = HostProcess.FreePort();
        var first = await StartHostAsync(port);
        var token = await first.NewUserTokenAsync();
        using var client = first.CreateClient(token);
        var collectionId = await client.CreateCollectionIdAsync("crash");

        var files = Enumerable.Range(0, FileCount).Select(i => new FilePart($"report-{i}.pdf", Report(i), "application/pdf")).ToArray();
        var ids = await client.UploadIdsAsync(collectionId, files);

        // The crash comes while a file is being read, after at least one was read whole. The statuses are polled, so
        // a kill can land just after one file was read and before the next began; the host is then started and killed
        // again (as the CI run of 2026-12-02 saw: "5 Indexing; 7 Pending").
        var host = first;
        var atCrash = new Dictionary<string, long>();
        for (var attempt = 1; attempt <= MaxCrashAttempts; attempt++)
        {
            var crashDue = await EventuallyAsync(async () =>
            {
                var statuses = await StatusesAsync(collectionId);
                return statuses.GetValueOrDefault("Extracting") >= 1 && statuses.GetValueOrDefault("Indexing") + statuses.GetValueOrDefault("Indexed") >= 1;
            }, TimeSpan.FromSeconds(90));
            host.Kill();
            atCrash = await StatusesAsync(collectionId);
            Assert.True(crashDue, $"Extraction did not get under way: {Describe(atCrash)}\n{host.RecentOutput}");
            if (atCrash.GetValueOrDefault("Extracting") >= 1 || attempt == MaxCrashAttempts)
            {
                break;
            }

            output.WriteLine($"Kill {attempt} fell between two files ({Describe(atCrash)}); the host is started to be killed again.");
            host = await StartHostAsync(port);
        }

        Assert.True(atCrash.GetValueOrDefault("Extracting") >= 1, $"No file was being extracted when the host died, in {MaxCrashAttempts} kills: {Describe(atCrash)}");
        Assert.True(atCrash.GetValueOrDefault("Extracting") + atCrash.GetValueOrDefault("Pending") >= 1, $"Every file was extracted before the crash: {Describe(atCrash)}");

        var restarted = Stopwatch.StartNew();
        var second = await StartHostAsync(port);
        var allIndexed = await EventuallyAsync(async () => (await StatusesAsync(collectionId)).GetValueOrDefault("Indexed") == FileCount, TimeSpan.FromSeconds(180));
        Assert.True(allIndexed, $"After the restart: {Describe(await StatusesAsync(collectionId))} ({Describe(atCrash)} at the crash)\n{second.RecentOutput}");
        output.WriteLine($"At the crash: {Describe(atCrash)}; all {FileCount} indexed {restarted.Elapsed.TotalSeconds:F1} s after the restart.");

        // The same files uploaded again to a collection of their own, with no crash: what each should have become.
        using var again = second.CreateClient(token);
        var controlId = await again.CreateCollectionIdAsync("control");
        var controlIds = await again.UploadIdsAsync(controlId, files);
        Assert.True(await EventuallyAsync(async () => (await StatusesAsync(controlId)).GetValueOrDefault("Indexed") == FileCount, TimeSpan.FromSeconds(180)),
            $"The control upload: {Describe(await StatusesAsync(controlId))}");

        var documents = await Database.RowsAsync(
            "SELECT id, status, chunk_count, text, extraction_attempts FROM search.documents WHERE collection_id = @c", ("c", collectionId));
        Assert.Equal(ids.Order(), documents.Select(row => (Guid)row[0]!).Order());
        Assert.Contains(documents, row => (int)row[4]! > 1); // the file being read at the crash was read again
        foreach (var (index, id) in ids.Index())
        {
            var row = documents.Single(row => (Guid)row[0]! == id);
            Assert.Equal("Indexed", row[1]);
            Assert.Equal(FileExtractor.Extract(FileFormat.Pdf, files[index].Content, new FileLimits(), CancellationToken.None).Text, row[3]);
            var chunks = await ChunkRowsAsync(id);
            Assert.Equal((int)row[2]!, chunks.Count);
            Assert.Equal(Enumerable.Range(0, chunks.Count), chunks.Select(chunk => chunk.Position));
            Assert.Equal((await ChunkRowsAsync(controlIds[index])).Select(chunk => chunk.Content), chunks.Select(chunk => chunk.Content));
        }

        Assert.Equal(0, await Database.CountAsync("SELECT count(*) FROM wolverine.wolverine_dead_letters"));
    }

    /// <summary>
    /// A PDF of <see cref="PagesPerFile"/> pages of text, every line naming its file and page (so no two files share a
    /// chunk), and a page of chart labels that takes seconds to read: the host spends its time extracting, not embedding.
    /// </summary>
    private static byte[] Report(int file) => TestFiles.Pdf(
        Enumerable.Range(1, PagesPerFile)
            .Select(page => (IReadOnlyList<TestFiles.PdfLine>)[
                new($"{page} Findings of report {file}", 16),
                .. Enumerable.Range(1, 12).Select(line => new TestFiles.PdfLine($"Report {file}, page {page}, line {line}: hives in valley {(file + line) % 7} gained weight through the season."))])
            .ToList(),
        scatteredWords: 600 + file);

    /// <summary>Documents per status; a failed one's reason is part of its status, so a failure message shows it.</summary>
    private async Task<Dictionary<string, long>> StatusesAsync(Guid collectionId) =>
        (await Database.RowsAsync("SELECT status || coalesce(': ' || error, ''), count(*) FROM search.documents WHERE collection_id = @c GROUP BY 1", ("c", collectionId)))
        .ToDictionary(row => (string)row[0]!, row => (long)row[1]!);

    private static string Describe(Dictionary<string, long> statuses) => string.Join("; ", statuses.OrderBy(pair => pair.Key).Select(pair => $"{pair.Value} {pair.Key}"));

    /// <summary>A chunk as stored: its position and everything it carries (text, metadata, token count).</summary>
    private async Task<List<(int Position, string Content)>> ChunkRowsAsync(Guid documentId) =>
        (await Database.RowsAsync("SELECT position, text || ' ' || metadata::text || ' ' || token_count FROM search.chunks WHERE document_id = @d ORDER BY position", ("d", documentId)))
        .Select(row => ((int)row[0]!, (string)row[1]!)).ToList();

    private async Task<HostProcess> StartHostAsync(int port)
    {
        var host = await HostProcess.StartAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = Database.ConnectionString,
            ["DataPath"] = _dataPath,
        }, port);
        _hosts.Add(host);
        return host;
    }
}
