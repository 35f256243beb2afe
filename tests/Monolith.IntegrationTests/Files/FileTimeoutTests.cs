using Monolith.IntegrationTests.Infrastructure;
using static Monolith.IntegrationTests.Files.TestFiles;
using static Monolith.IntegrationTests.Search.SearchApi;

namespace Monolith.IntegrationTests.Files;

/// <summary>A file that takes longer to read than the extraction time limit ends failed with that reason, and holds up nothing else.</summary>
public sealed class FileTimeoutTests : IAsyncLifetime
{
    // Long enough for a small good file to be read on a machine under heavy load, JIT compilation included.
    private const int TimeoutSeconds = 3;

    private MonolithFactory? _factory;

    private MonolithFactory Factory => _factory ?? throw new InvalidOperationException("The host has not started.");

    public async Task InitializeAsync() => _factory = await MonolithFactory.StartAsync(new TestHostOptions
    {
        Settings = new Dictionary<string, string?> { ["Search:Files:ExtractionTimeoutSeconds"] = $"{TimeoutSeconds}" },
    });

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_file_that_reads_past_the_time_limit_is_failed_with_the_reason_and_the_files_beside_and_after_it_are_indexed()
    {
        var (_, client) = await Factory.NewUserClientAsync();
        using var _ = client;
        var collectionId = await client.CreateCollectionIdAsync();

        // Some 10 to 30 s of layout analysis, well past the limit, then two good files in the same batch.
        var ids = await client.UploadIdsAsync(collectionId,
            new FilePart("scatter-plot.pdf", PdfOfScatteredWords(16_000), "application/pdf"),
            new FilePart("notes.docx", Docx([("Heading1", "Minutes"), ("", "The committee approved the new hive design.")])),
            new FilePart("todo.txt", "Order more frames before the spring flow."u8.ToArray()));

        var slow = await client.WaitForStatusAsync(collectionId, ids[0], "failed", TimeSpan.FromSeconds(60));
        Assert.Equal(
            $"timed out: reading the file took longer than {TimeoutSeconds} s (Search:Files:ExtractionTimeoutSeconds) and was stopped.",
            slow["error"]!.GetValue<string>());
        await client.WaitForStatusAsync(collectionId, ids[1], timeout: TimeSpan.FromSeconds(60));
        await client.WaitForStatusAsync(collectionId, ids[2], timeout: TimeSpan.FromSeconds(60));

        // The queue moves on at once: a file sent after it is indexed, while the abandoned parser may still be running.
        var later = await client.UploadIndexedAsync(collectionId, new FilePart("later.md", "# Later\n\nThe swarm settled in the oak."u8.ToArray(), "text/markdown"));
        Assert.Equal("markdown", later["file"]!["format"]!.GetValue<string>());
        Assert.Equal(0, await Factory.Database.CountAsync("SELECT count(*) FROM search.chunks WHERE document_id = @d", ("d", ids[0])));
    }
}
