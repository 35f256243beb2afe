using System.Diagnostics;
using System.Globalization;
using Monolith.IntegrationTests.Search;

namespace Monolith.IntegrationTests.Extraction;

/// <summary>What the replica tests check after their disruptions: every accepted document indexed, each exactly once.</summary>
internal static class IndexedOnce
{
    public static Task<long> IndexedAsync(PlatformShape shape, Guid collectionId) => shape.Database.CountAsync(
        "SELECT count(*) FROM search.documents WHERE collection_id = @c AND status = 'Indexed'", ("c", collectionId));

    /// <summary>
    /// Waits until all of <paramref name="ids"/> are indexed, then checks each has its chunks once and no message was
    /// dead-lettered in <paramref name="messageStore"/> (the schema of the Search process's message store).
    /// </summary>
    public static async Task AssertAllAsync(PlatformShape shape, Guid collectionId, IReadOnlyCollection<Guid> ids, string messageStore = "wolverine_embeddings_search")
    {
        var allIndexed = await AllIndexedWhileProgressingAsync(shape, collectionId, ids.Count);
        Assert.True(allIndexed, $"{await IndexedAsync(shape, collectionId)} of {ids.Count} indexed, none more in {Stall.TotalSeconds} s.\n{shape.RecentOutput()}");
        var documents = await shape.Database.RowsAsync(
            """
            SELECT d.id, d.chunk_count, count(c.id), count(DISTINCT c.position)
            FROM search.documents d LEFT JOIN search.chunks c ON c.document_id = d.id
            WHERE d.collection_id = @c GROUP BY d.id
            """,
            ("c", collectionId));
        Assert.Equal(ids.Order(), documents.Select(row => (Guid)row[0]!).Order());
        Assert.All(documents, row =>
        {
            Assert.Equal((int)row[1]!, (long)row[2]!);
            Assert.Equal((int)row[1]!, (long)row[3]!);
        });
        Assert.Equal(0, await shape.Database.CountAsync($"SELECT count(*) FROM {messageStore}.wolverine_dead_letters"));
    }

    /// <summary>How long indexing may make no progress before the documents still pending count as lost.</summary>
    private static readonly TimeSpan Stall = TimeSpan.FromSeconds(90);

    /// <summary>
    /// A backlog of uploads takes as long as it takes on a loaded machine; what must not happen is indexing that
    /// stops. So the wait ends in failure only when no document was indexed for <see cref="Stall"/>.
    /// </summary>
    private static async Task<bool> AllIndexedWhileProgressingAsync(PlatformShape shape, Guid collectionId, int expected)
    {
        var indexed = await IndexedAsync(shape, collectionId);
        var sinceProgress = Stopwatch.StartNew();
        while (indexed < expected && sinceProgress.Elapsed < Stall)
        {
            await Task.Delay(250);
            var now = await IndexedAsync(shape, collectionId);
            if (now > indexed)
            {
                sinceProgress.Restart();
            }

            indexed = now;
        }

        return indexed == expected;
    }

    /// <summary>Documents <c>first</c>…<c>first + count - 1</c>: short notes, every tenth a long text of several chunks.</summary>
    public static IEnumerable<object> Batch(int first, int count) => Enumerable.Range(first, count).Select(i => (object)new
    {
        text = i % 10 == 3
            ? SearchIngestionTests.LongText(words: 450, seed: i)
            : string.Create(CultureInfo.InvariantCulture, $"Replica note {i}: item{i} sits on shelf {i % 11}."),
    });
}
