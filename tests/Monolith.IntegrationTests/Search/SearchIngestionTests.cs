using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Monolith.IntegrationTests.Infrastructure;
using Monolith.Modules.Embeddings.Contracts;
using Monolith.Modules.Search.Contracts;
using Wolverine;
using Wolverine.Runtime.Serialization;
using static Monolith.IntegrationTests.Search.SearchApi;

namespace Monolith.IntegrationTests.Search;

/// <summary>Durable ingestion: chunking, replacement by externalId, cascades, erasure, and a document that can never be indexed.</summary>
[Collection(SearchHostCollection.Name)]
public sealed class SearchIngestionTests(SearchHostFixture host)
{
    private readonly MonolithFactory _factory = host.Factory;

    [Fact]
    public async Task A_batch_is_indexed_and_counted_by_status()
    {
        var (_, client) = await _factory.NewUserClientAsync();
        using var _ = client;
        var collectionId = await client.CreateCollectionIdAsync();
        string[] texts =
        [
            "Bees communicate the direction of flowers with a waggle dance.",
            "Glaciers carve U-shaped valleys as they slowly move downhill.",
            "The violin has four strings tuned in perfect fifths.",
            "Coral reefs are built by colonies of tiny animals called polyps.",
            "Espresso is brewed by forcing hot water through finely ground coffee.",
        ];

        var ids = await client.AddDocumentsAsync(collectionId, texts.Select(text => (object)new { text }));
        var documents = await client.WaitForIndexedAsync(collectionId, ids);

        Assert.All(documents, document => Assert.True(document["chunkCount"]!.GetValue<int>() >= 1));
        using var collection = await client.GetAsync(Collections(collectionId));
        var counts = (await collection.ReadJsonAsync())["documentCounts"]!;
        Assert.Equal(0, counts["pending"]!.GetValue<int>());
        Assert.Equal(texts.Length, counts["indexed"]!.GetValue<int>());
        Assert.Equal(0, counts["failed"]!.GetValue<int>());

        // Short texts are one chunk each: the whole text, at position 0, with the collection's dimensions.
        var chunks = await _factory.Database.RowsAsync(
            "SELECT document_id, position, text, dimensions, vector_dims(embedding) FROM search.chunks WHERE collection_id = @c", ("c", collectionId));
        Assert.Equal(texts.Length, chunks.Count);
        for (var i = 0; i < texts.Length; i++)
        {
            var chunk = Assert.Single(chunks, row => (Guid)row[0]! == ids[i]);
            Assert.Equal(0, chunk[1]);
            Assert.Equal(texts[i], chunk[2]);
            Assert.Equal(LocalDimensions, chunk[3]);
            Assert.Equal(LocalDimensions, chunk[4]);
        }
    }

    [Fact]
    public async Task A_long_document_is_cut_into_overlapping_chunks_that_fit_the_model_window()
    {
        var (_, client) = await _factory.NewUserClientAsync();
        using var _ = client;
        var collectionId = await client.CreateCollectionIdAsync();
        var text = LongText(words: 3_000);
        Assert.True(text.Length <= SearchHostFixture.MaxDocumentCharacters);

        var documentId = await client.AddDocumentAsync(collectionId, new { text, title = "Field notes" });
        var document = await client.WaitForStatusAsync(collectionId, documentId);

        var chunks = await _factory.Database.RowsAsync(
            "SELECT position, token_count, text, title FROM search.chunks WHERE document_id = @d ORDER BY position", ("d", documentId));
        Assert.Equal(document["chunkCount"]!.GetValue<int>(), chunks.Count);
        Assert.True(chunks.Count >= 5, $"3,000 words should be several chunks, got {chunks.Count}");
        Assert.Equal(Enumerable.Range(0, chunks.Count), chunks.Select(row => (int)row[0]!));
        Assert.All(chunks, row => Assert.InRange((int)row[1]!, 1, MaxChunkTokens));
        Assert.All(chunks, row => Assert.Equal("Field notes", row[3]));

        // Every chunk is a slice of the text; together, in order, they cover all of it, and neighbours overlap.
        var offset = 0;
        var previousEnd = 0;
        for (var i = 0; i < chunks.Count; i++)
        {
            var chunk = (string)chunks[i][2]!;
            var start = text.IndexOf(chunk, i == 0 ? 0 : offset + 1, StringComparison.Ordinal);
            Assert.True(start >= 0, $"chunk {i} is not a slice of the text after chunk {i - 1}");
            if (i == 0)
            {
                Assert.Equal(0, start);
            }
            else
            {
                Assert.True(start < previousEnd, $"chunk {i} starts at {start}, after chunk {i - 1} ended at {previousEnd}: no overlap");
            }

            offset = start;
            previousEnd = start + chunk.Length;
        }

        Assert.Equal(text.TrimEnd().Length, previousEnd);

        // The model's own tokenizer, asked about each chunk's text as a whole, agrees with token_count.
        using var scope = _factory.Services.CreateScope();
        var counted = await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeAsync<TokenCounts>(
            new CountTokens(chunks.Select(row => (string)row[2]!).ToList(), LocalModel), timeout: TimeSpan.FromSeconds(30));
        Assert.Null(counted.Error);
        Assert.Equal(MaxChunkTokens, counted.MaxTokensPerText);
        Assert.Equal(chunks.Select(row => (int)row[1]!), counted.Counts);
    }

    [Fact]
    public async Task A_document_with_the_same_externalId_replaces_the_older_one_once_it_is_indexed()
    {
        var (_, client) = await _factory.NewUserClientAsync();
        using var _ = client;
        var collectionId = await client.CreateCollectionIdAsync();
        var otherCollectionId = await client.CreateCollectionIdAsync();
        const string OldText = "Zebras migrate across the Serengeti every year following the rains.";
        const string NewText = "Emperor penguins huddle together through the Antarctic winter.";

        var first = await client.AddDocumentAsync(collectionId, new { text = OldText, externalId = "x" });
        await client.WaitForStatusAsync(collectionId, first);
        Assert.Equal(first, Assert.Single(await client.SearchItemsAsync(collectionId, new { query = "zebra migration", mode = "keyword" }))["documentId"]!.GetValue<Guid>());

        // The same externalId in another collection replaces nothing.
        var elsewhere = await client.AddDocumentAsync(otherCollectionId, new { text = NewText, externalId = "x" });
        await client.WaitForStatusAsync(otherCollectionId, elsewhere);
        await client.GetDocumentAsync(collectionId, first);

        var second = await client.AddDocumentAsync(collectionId, new { text = NewText, externalId = "x" });
        while (true)
        {
            // Search first, then read the status: if the new one is still pending now, it was pending during the search.
            var hits = await client.SearchItemsAsync(collectionId, new { query = "zebra migration", mode = "keyword" });
            var status = (await client.GetDocumentAsync(collectionId, second))["status"]!.GetValue<string>();
            if (status != "pending")
            {
                Assert.Equal("indexed", status);
                break;
            }

            Assert.Equal(first, Assert.Single(hits)["documentId"]!.GetValue<Guid>());
            await Task.Delay(20);
        }

        using (var old = await client.GetAsync(Document(collectionId, first)))
        {
            await Problem.AssertAsync(old, HttpStatusCode.NotFound, "not-found");
        }

        Assert.Empty(await client.SearchItemsAsync(collectionId, new { query = "zebra migration", mode = "keyword" }));
        foreach (var mode in new[] { "vector", "hybrid" })
        {
            var hits = await client.SearchItemsAsync(collectionId, new { query = "zebra migration", mode });
            Assert.All(hits, hit => Assert.Equal(second, hit["documentId"]!.GetValue<Guid>()));
            Assert.All(hits, hit => Assert.Equal(NewText, hit["text"]!.GetValue<string>()));
        }

        Assert.Equal(0, await _factory.Database.CountAsync("SELECT count(*) FROM search.chunks WHERE document_id = @d", ("d", first)));
        Assert.Equal(1, await _factory.Database.CountAsync(
            "SELECT count(*) FROM search.documents WHERE collection_id = @c AND external_id = 'x'", ("c", collectionId)));
        await client.GetDocumentAsync(otherCollectionId, elsewhere);
    }

    [Fact]
    public async Task Within_one_batch_the_later_document_with_an_externalId_is_the_one_kept()
    {
        var (_, client) = await _factory.NewUserClientAsync();
        using var _ = client;
        var collectionId = await client.CreateCollectionIdAsync();

        var ids = await client.AddDocumentsAsync(collectionId,
        [
            new { text = "Version one of the travel policy: economy class only.", externalId = "policy" },
            new { text = "Version two of the travel policy: business class on long flights.", externalId = "policy" },
        ]);

        await client.WaitForStatusAsync(collectionId, ids[1]);
        Assert.True(await EventuallyAsync(async () => await _factory.Database.CountAsync(
                "SELECT count(*) FROM search.documents WHERE id = @d", ("d", ids[0])) == 0, TimeSpan.FromSeconds(10)),
            "the earlier document of the batch is still there");
        var hits = await client.SearchItemsAsync(collectionId, new { query = "travel policy", mode = "keyword" });
        Assert.Equal(ids[1], Assert.Single(hits)["documentId"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task Deleting_a_document_or_a_collection_removes_its_rows_and_chunks()
    {
        var (_, client) = await _factory.NewUserClientAsync();
        using var _ = client;
        var collectionId = await client.CreateCollectionIdAsync();
        var ids = await client.AddDocumentsAsync(collectionId,
        [
            new { text = LongText(words: 400) },
            new { text = "Tea was first drunk in China as a medicine." },
            new { text = "Marathon runners hit the wall when glycogen runs out." },
        ]);
        await client.WaitForIndexedAsync(collectionId, ids);
        Assert.True(await ChunksOfDocumentAsync(ids[0]) >= 2);

        using (var deleted = await client.DeleteAsync(Document(collectionId, ids[0])))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        Assert.Equal(0, await ChunksOfDocumentAsync(ids[0]));
        Assert.Equal(1, await ChunksOfDocumentAsync(ids[1]));
        Assert.Equal(2, await _factory.Database.CountAsync("SELECT count(*) FROM search.documents WHERE collection_id = @c", ("c", collectionId)));

        using (var deleted = await client.DeleteAsync(Collections(collectionId)))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        Assert.Equal(0, await _factory.Database.CountAsync("SELECT count(*) FROM search.collections WHERE id = @c", ("c", collectionId)));
        Assert.Equal(0, await _factory.Database.CountAsync("SELECT count(*) FROM search.documents WHERE collection_id = @c", ("c", collectionId)));
        Assert.Equal(0, await _factory.Database.CountAsync("SELECT count(*) FROM search.chunks WHERE collection_id = @c", ("c", collectionId)));
        Assert.Equal(0, await _factory.Database.CountAsync("SELECT count(*) FROM search.chunks WHERE document_id = ANY(@ids)", ("ids", ids.ToArray())));
    }

    [Fact]
    public async Task Deleting_the_account_erases_the_users_collections_documents_and_chunks()
    {
        var (user, client) = await _factory.NewUserClientAsync();
        var (_, bystander) = await _factory.NewUserClientAsync();
        using var _ = client;
        using var __ = bystander;
        foreach (var name in new[] { "one", "two" })
        {
            var collectionId = await client.CreateCollectionIdAsync(name);
            await client.WaitForIndexedAsync(collectionId, await client.AddDocumentsAsync(collectionId,
                [new { text = $"Collection {name}: volcanoes form where tectonic plates meet." }, new { text = $"Collection {name}: comets have icy nuclei." }]));
        }

        var bystanderCollection = await bystander.CreateCollectionIdAsync();
        var bystanderDocument = await bystander.AddDocumentAsync(bystanderCollection, new { text = "Bystanders keep their data." });
        await bystander.WaitForStatusAsync(bystanderCollection, bystanderDocument);
        Assert.Equal(2 + 4 + 4, await RowsOfOwnerAsync(user.Id));

        using (var deleted = await client.DeleteAsync("/api/v1/users/me"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        Assert.True(await EventuallyAsync(async () => await RowsOfOwnerAsync(user.Id) == 0, TimeSpan.FromSeconds(15)),
            "The deleted user's collections, documents and chunks are still there after 15 s.");
        Assert.Equal("indexed", (await bystander.GetDocumentAsync(bystanderCollection, bystanderDocument))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_document_that_cannot_be_indexed_ends_failed_and_dead_lettered_without_blocking_others()
    {
        var (_, client) = await _factory.NewUserClientAsync();
        using var _ = client;
        var broken = await client.CreateCollectionAsync("unreachable model", SearchHostFixture.BrokenModel);
        Assert.Equal(SearchHostFixture.BrokenModel, broken["embeddingModel"]!.GetValue<string>());
        Assert.Equal(SearchHostFixture.BrokenDimensions, broken["dimensions"]!.GetValue<int>());
        var brokenId = broken["id"]!.GetValue<Guid>();
        var healthyId = await client.CreateCollectionIdAsync("local model");

        // More poison documents than this machine has cores, then a healthy one.
        var poison = await client.AddDocumentsAsync(brokenId,
            Enumerable.Range(0, Math.Max(3, Environment.ProcessorCount + 1)).Select(i => (object)new { text = $"Text {i} never reaches a working model." }));
        var healthy = await client.AddDocumentAsync(healthyId, new { text = "Meanwhile this one is indexed as usual." });

        // The healthy document does not wait for the poison ones' retries (0.5 s, 2 s, 5 s): it is indexed while they are still pending.
        await client.WaitForStatusAsync(healthyId, healthy);
        Assert.Equal("pending", (await client.GetDocumentAsync(brokenId, poison[0]))["status"]!.GetValue<string>());

        foreach (var id in poison)
        {
            var failed = await client.WaitForStatusAsync(brokenId, id, "failed", TimeSpan.FromSeconds(20));
            Assert.False(string.IsNullOrWhiteSpace(failed["error"]?.GetValue<string>()), "a failed document carries the reason");
            Assert.Equal(0, failed["chunkCount"]!.GetValue<int>());
        }

        Assert.Equal(0, await _factory.Database.CountAsync("SELECT count(*) FROM search.chunks WHERE document_id = ANY(@d)", ("d", poison.ToArray())));
        using (var collection = await client.GetAsync(Collections(brokenId)))
        {
            var counts = (await collection.ReadJsonAsync())["documentCounts"]!;
            Assert.Equal(poison.Count, counts["failed"]!.GetValue<int>());
            Assert.Equal(0, counts["pending"]!.GetValue<int>());
        }

        using (var failedList = await client.GetAsync($"{Documents(brokenId)}?status=failed"))
        {
            Assert.Equal(poison, Items(await failedList.ReadJsonAsync()).Select(d => d["id"]!.GetValue<Guid>()));
        }

        Assert.True(await EventuallyAsync(async () => poison.All((await DeadLetteredDocumentsAsync()).Contains), TimeSpan.FromSeconds(10)),
            "The indexing messages of the failed documents are not all in wolverine_dead_letters.");
        Assert.DoesNotContain(healthy, await DeadLetteredDocumentsAsync());

        // Searching the collection: keyword search needs no model; vector search reports the upstream's failure.
        Assert.Empty(await client.SearchItemsAsync(brokenId, new { query = "working model", mode = "keyword" }));
        using var vector = await client.PostAsJsonAsync($"{Collections(brokenId)}/search", new { query = "working model", mode = "vector" });
        await Problem.AssertAsync(vector, HttpStatusCode.BadGateway, "upstream-error");
    }

    /// <summary>About <paramref name="words"/> words in one paragraph of short, varied sentences (deterministic).</summary>
    internal static string LongText(int words, int seed = 7)
    {
        string[] vocabulary =
        [
            "river", "mountain", "valley", "forest", "meadow", "harbor", "village", "bridge", "lantern", "orchard",
            "quietly", "slowly", "bright", "ancient", "narrow", "distant", "golden", "silver", "hidden", "gentle",
            "walked", "watched", "carried", "painted", "followed", "gathered", "measured", "repaired", "noticed", "described",
            "traveler", "fisherman", "teacher", "miller", "shepherd", "weaver", "sailor", "baker", "farmer", "scholar",
            "morning", "evening", "winter", "summer", "storm", "harvest", "market", "festival", "journey", "letter",
        ];
        var random = new Random(seed);
        var text = new StringBuilder();
        var count = 0;
        var sentence = 0;
        while (count < words)
        {
            var length = random.Next(8, 15);
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"In note {++sentence} the");
            for (var i = 0; i < length; i++)
            {
                text.Append(' ').Append(vocabulary[random.Next(vocabulary.Length)]);
            }

            text.Append(". ");
            count += length + 3;
        }

        return text.ToString().TrimEnd();
    }

    private Task<long> ChunksOfDocumentAsync(Guid documentId) =>
        _factory.Database.CountAsync("SELECT count(*) FROM search.chunks WHERE document_id = @d", ("d", documentId));

    private Task<long> RowsOfOwnerAsync(Guid userId) => _factory.Database.CountAsync(
        """
        SELECT (SELECT count(*) FROM search.collections WHERE owner_id = @u)
             + (SELECT count(*) FROM search.documents WHERE owner_id = @u)
             + (SELECT count(*) FROM search.chunks WHERE owner_id = @u)
        """,
        ("u", userId));

    /// <summary>Document ids of the IndexDocument messages in Wolverine's dead letters, read from their stored envelopes.</summary>
    private async Task<List<Guid>> DeadLetteredDocumentsAsync()
    {
        var rows = await _factory.Database.RowsAsync(
            "SELECT body FROM wolverine.wolverine_dead_letters WHERE message_type = @type", ("type", "monolith.search.index-document.v1"));
        return rows
            .Select(row => EnvelopeSerializer.Deserialize((byte[])row[0]!))
            .Select(envelope => JsonSerializer.Deserialize<IndexDocument>(envelope.Data!, JsonSerializerOptions.Web)!.DocumentId)
            .ToList();
    }
}
