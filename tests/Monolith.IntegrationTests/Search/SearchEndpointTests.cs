using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Monolith.IntegrationTests.Infrastructure;
using static Monolith.IntegrationTests.Search.SearchApi;

namespace Monolith.IntegrationTests.Search;

/// <summary>Every Search route: success shapes, validation, limits, authentication and unknown ids.</summary>
[Collection(SearchHostCollection.Name)]
public sealed class SearchEndpointTests(SearchHostFixture host)
{
    private readonly MonolithFactory _factory = host.Factory;

    [Fact]
    public async Task Collections_are_created_read_listed_by_page_and_deleted()
    {
        var (_, client) = await _factory.NewUserClientAsync();
        using var _ = client;

        using var created = await client.PostAsJsonAsync("/api/v1/collections", new { name = "  Handbook  ", description = "Company handbook" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.ReadJsonAsync();
        var id = body["id"]!.GetValue<Guid>();
        Assert.NotEqual(Guid.Empty, id);
        Assert.Equal($"/api/v1/collections/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("Handbook", body["name"]!.GetValue<string>());
        Assert.Equal("Company handbook", body["description"]!.GetValue<string>());
        Assert.Equal(LocalModel, body["embeddingModel"]!.GetValue<string>());
        Assert.Equal(LocalDimensions, body["dimensions"]!.GetValue<int>());
        Assert.True(body["createdAt"]!.GetValue<DateTimeOffset>() > DateTimeOffset.UtcNow.AddMinutes(-5));

        // The default model can also be named explicitly.
        var named = await client.CreateCollectionAsync("second", LocalModel);
        Assert.Equal(LocalModel, named["embeddingModel"]!.GetValue<string>());
        await client.CreateCollectionAsync("third");

        using var got = await client.GetAsync(Collections(id));
        Assert.Equal(HttpStatusCode.OK, got.StatusCode);
        var collection = await got.ReadJsonAsync();
        Assert.Equal(id, collection["id"]!.GetValue<Guid>());
        Assert.Equal("Handbook", collection["name"]!.GetValue<string>());
        Assert.Equal(LocalDimensions, collection["dimensions"]!.GetValue<int>());
        AssertCounts(collection, pending: 0, indexed: 0, failed: 0);

        var firstPage = await ListAsync(client, "/api/v1/collections?page=1&pageSize=2");
        Assert.Equal(1, firstPage["page"]!.GetValue<int>());
        Assert.Equal(2, firstPage["pageSize"]!.GetValue<int>());
        Assert.Equal(3, firstPage["total"]!.GetValue<int>());
        Assert.Equal(2, Items(firstPage).Count);
        var secondPage = await ListAsync(client, "/api/v1/collections?page=2&pageSize=2");
        Assert.Single(Items(secondPage));
        var listed = Items(firstPage).Concat(Items(secondPage)).Select(c => c["name"]!.GetValue<string>()).ToList();
        Assert.Equal(["third", "second", "Handbook"], listed); // newest first

        using var deleted = await client.DeleteAsync(Collections(id));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(0, deleted.Content.Headers.ContentLength ?? 0);
        using var gone = await client.GetAsync(Collections(id));
        await Problem.AssertAsync(gone, HttpStatusCode.NotFound, "not-found");
        Assert.Equal(2, (await ListAsync(client, "/api/v1/collections"))["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Documents_are_accepted_pending_then_indexed_read_listed_and_deleted()
    {
        var (_, client) = await _factory.NewUserClientAsync();
        using var _ = client;
        var collectionId = await client.CreateCollectionIdAsync();

        using var accepted = await client.PostAsJsonAsync(Documents(collectionId), new
        {
            text = "Otters hold hands while they sleep so they do not drift apart.",
            title = "Otters",
            externalId = "otters-1",
            metadata = new Dictionary<string, string> { ["lang"] = "en", ["source"] = "wiki" },
        });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var acceptedBody = await accepted.ReadJsonAsync();
        var documentId = acceptedBody["id"]!.GetValue<Guid>();
        Assert.Equal("pending", acceptedBody["status"]!.GetValue<string>());
        Assert.Equal(Document(collectionId, documentId), accepted.Headers.Location?.OriginalString);

        string[] titles = ["first", "second", "third"];
        using var batch = await client.PostAsJsonAsync($"{Documents(collectionId)}/batch", new
        {
            documents = titles.Select(title => new { text = $"The {title} note of the batch is about kites.", title }),
        });
        Assert.Equal(HttpStatusCode.Accepted, batch.StatusCode);
        var items = (await batch.ReadJsonAsync())["items"]!.AsArray();
        Assert.Equal(3, items.Count);
        Assert.All(items, item => Assert.Equal("pending", item!["status"]!.GetValue<string>()));
        var batchIds = items.Select(item => item!["id"]!.GetValue<Guid>()).ToList();
        Assert.Equal(3, batchIds.Distinct().Count());

        var document = await client.WaitForStatusAsync(collectionId, documentId);
        Assert.Equal(documentId, document["id"]!.GetValue<Guid>());
        Assert.Equal(collectionId, document["collectionId"]!.GetValue<Guid>());
        Assert.Equal("otters-1", document["externalId"]!.GetValue<string>());
        Assert.Equal("Otters", document["title"]!.GetValue<string>());
        Assert.Equal("en", document["metadata"]!["lang"]!.GetValue<string>());
        Assert.Equal("wiki", document["metadata"]!["source"]!.GetValue<string>());
        Assert.Equal(1, document["chunkCount"]!.GetValue<int>());
        Assert.Null(document["error"]);
        Assert.NotNull(document["indexedAt"]);
        var indexed = await client.WaitForIndexedAsync(collectionId, batchIds);
        Assert.Equal(titles, indexed.Select(d => d["title"]!.GetValue<string>())); // ids came back in the order sent

        var all = await ListAsync(client, $"{Documents(collectionId)}?pageSize=3");
        Assert.Equal(4, all["total"]!.GetValue<int>());
        Assert.Equal([documentId, .. batchIds[..2]], Items(all).Select(d => d["id"]!.GetValue<Guid>())); // in the order added
        var onlyIndexed = await ListAsync(client, $"{Documents(collectionId)}?status=indexed&page=2&pageSize=3");
        Assert.Equal(4, onlyIndexed["total"]!.GetValue<int>());
        Assert.Equal([batchIds[2]], Items(onlyIndexed).Select(d => d["id"]!.GetValue<Guid>()));
        Assert.Equal(0, (await ListAsync(client, $"{Documents(collectionId)}?status=pending"))["total"]!.GetValue<int>());

        using var deleted = await client.DeleteAsync(Document(collectionId, documentId));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await client.GetAsync(Document(collectionId, documentId));
        await Problem.AssertAsync(gone, HttpStatusCode.NotFound, "not-found");
        using var again = await client.DeleteAsync(Document(collectionId, documentId));
        await Problem.AssertAsync(again, HttpStatusCode.NotFound, "not-found");
        Assert.Equal(3, (await ListAsync(client, Documents(collectionId)))["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Search_returns_hits_with_their_document_fields_in_every_mode()
    {
        var (_, client) = await _factory.NewUserClientAsync();
        using var _ = client;
        var collectionId = await client.CreateCollectionIdAsync();
        var documentId = await client.AddDocumentAsync(collectionId, new
        {
            text = "Lighthouses guide ships along dangerous coastlines with rotating beams of light.",
            title = "Lighthouses",
            externalId = "lh",
            metadata = new Dictionary<string, string> { ["kind"] = "coast" },
        });
        await client.WaitForStatusAsync(collectionId, documentId);
        var chunkId = (Guid)(await _factory.Database.RowsAsync("SELECT id FROM search.chunks WHERE document_id = @d", ("d", documentId)))[0][0]!;

        foreach (var mode in new[] { "vector", "keyword", "hybrid", null })
        {
            var page = await client.SearchAsync(collectionId, new { query = "lighthouse beams", mode });
            Assert.Equal(mode ?? "hybrid", page["mode"]!.GetValue<string>());
            Assert.True(page["tookMs"]!.GetValue<double>() >= 0);
            var hit = Assert.Single(Items(page));
            Assert.Equal(documentId, hit["documentId"]!.GetValue<Guid>());
            Assert.Equal(collectionId, hit["collectionId"]!.GetValue<Guid>());
            Assert.Equal("lh", hit["externalId"]!.GetValue<string>());
            Assert.Equal("Lighthouses", hit["title"]!.GetValue<string>());
            Assert.Equal(chunkId, hit["chunkId"]!.GetValue<Guid>());
            Assert.Equal("Lighthouses guide ships along dangerous coastlines with rotating beams of light.", hit["text"]!.GetValue<string>());
            Assert.InRange(hit["score"]!.GetValue<double>(), 0.0001, 1.0);
            Assert.Equal("coast", hit["metadata"]!["kind"]!.GetValue<string>());
        }

        // topK caps the number of hits.
        await client.WaitForIndexedAsync(collectionId, await client.AddDocumentsAsync(collectionId,
            Enumerable.Range(1, 4).Select(i => (object)new { text = $"Lighthouse keeper number {i} trimmed the wick every night." })));
        Assert.Equal(2, (await client.SearchItemsAsync(collectionId, new { query = "lighthouse keeper", topK = 2 })).Count);
        Assert.Equal(5, (await client.SearchItemsAsync(collectionId, new { query = "lighthouse keeper", mode = "vector", topK = 100 })).Count);
    }

    [Theory]
    [InlineData("collections", """{"name":""}""", "name")]
    [InlineData("collections", """{"name":"   "}""", "name")]
    [InlineData("collections", """{"description":"no name"}""", "name")]
    [InlineData("collections", """{"name":"x","embeddingModel":"no-such-model"}""", "embeddingModel")]
    [InlineData("document", """{"text":""}""", "text")]
    [InlineData("document", """{"text":"   \n\t  "}""", "text")]
    [InlineData("document", """{"title":"no text"}""", "text")]
    [InlineData("document", """{"text":null}""", "text")]
    [InlineData("document", """{"text":"ok","title":"<501 characters>"}""", "title")]
    [InlineData("document", """{"text":"ok","externalId":"<201 characters>"}""", "externalId")]
    [InlineData("document", """{"text":"ok","metadata":{"":"empty key"}}""", "metadata")]
    [InlineData("batch", """{"documents":[]}""", "documents")]
    [InlineData("batch", """{}""", "documents")]
    [InlineData("batch", """{"documents":[{"text":"fine"},{"text":" "}]}""", "documents[1].text")]
    [InlineData("batch", """{"documents":[{"text":"fine"},{"title":"no text"}]}""", "documents[1].text")]
    [InlineData("batch", """{"documents":[null]}""", "documents[0]")]
    [InlineData("batch", """{"documents":[{"text":"ok","metadata":{"k":null}}]}""", "documents[0].metadata")]
    [InlineData("search", """{"query":""}""", "query")]
    [InlineData("search", """{"query":"x","mode":"fuzzy"}""", "mode")]
    [InlineData("search", """{"query":"x","topK":0}""", "topK")]
    [InlineData("search", """{"query":"x","topK":101}""", "topK")]
    [InlineData("search", """{"query":"x","minScore":-1.5}""", "minScore")] // BM25 scores exceed 1: only below -1 is out of range
    [InlineData("search", """{"query":"x","filter":{"":"v"}}""", "filter.")] // named by its (empty) key
    public async Task Invalid_requests_are_400_naming_the_field(string route, string json, string field)
    {
        var (_, client) = await _factory.NewUserClientAsync();
        using var _ = client;
        var collectionId = await client.CreateCollectionIdAsync();
        var path = route switch
        {
            "collections" => "/api/v1/collections",
            "document" => Documents(collectionId),
            "batch" => $"{Documents(collectionId)}/batch",
            "search" => $"{Collections(collectionId)}/search",
            _ => throw new ArgumentOutOfRangeException(nameof(route)),
        };

        json = json.Replace("<501 characters>", new string('t', 501), StringComparison.Ordinal).Replace("<201 characters>", new string('e', 201), StringComparison.Ordinal);
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(path, content);

        await Problem.AssertValidationAsync(response, field);
        Assert.Equal(0, await _factory.Database.CountAsync("SELECT count(*) FROM search.documents WHERE collection_id = @c", ("c", collectionId)));
    }

    [Fact]
    public async Task Metadata_over_the_key_limits_is_400_naming_metadata()
    {
        var (_, client) = await _factory.NewUserClientAsync();
        using var _ = client;
        var collectionId = await client.CreateCollectionIdAsync();

        var tooMany = Enumerable.Range(0, 33).ToDictionary(i => $"k{i}", i => "v");
        using var manyKeys = await client.PostAsJsonAsync(Documents(collectionId), new { text = "ok", metadata = tooMany });
        await Problem.AssertValidationAsync(manyKeys, "metadata");

        using var longKey = await client.PostAsJsonAsync(Documents(collectionId), new { text = "ok", metadata = new Dictionary<string, string> { [new string('k', 65)] = "v" } });
        await Problem.AssertValidationAsync(longKey, "metadata");

        using var longValue = await client.PostAsJsonAsync(Documents(collectionId), new { text = "ok", metadata = new Dictionary<string, string> { ["k"] = new string('v', 513) } });
        await Problem.AssertValidationAsync(longValue, "metadata");

        // At the limits exactly: accepted.
        var atLimit = Enumerable.Range(0, 32).ToDictionary(i => i == 0 ? new string('k', 64) : $"k{i}", i => new string('v', 512));
        await client.AddDocumentAsync(collectionId, new { text = "at the limits", metadata = atLimit });
    }

    [Fact]
    public async Task Query_string_parameters_are_validated()
    {
        var (_, client) = await _factory.NewUserClientAsync();
        using var _ = client;
        var collectionId = await client.CreateCollectionIdAsync();

        using var badStatus = await client.GetAsync($"{Documents(collectionId)}?status=done");
        await Problem.AssertValidationAsync(badStatus, "status");
        using var badPageSize = await client.GetAsync($"{Documents(collectionId)}?pageSize=0");
        await Problem.AssertValidationAsync(badPageSize, "pageSize");
        using var badPage = await client.GetAsync("/api/v1/collections?page=0");
        await Problem.AssertValidationAsync(badPage, "page");
        using var hugePageSize = await client.GetAsync("/api/v1/collections?pageSize=201");
        await Problem.AssertValidationAsync(hugePageSize, "pageSize");

        // A page number whose offset does not fit an int is a client mistake, not a 500.
        using var hugePage = await client.GetAsync("/api/v1/collections?page=2147483647&pageSize=200");
        await Problem.AssertValidationAsync(hugePage, "page");
        using var hugeDocumentPage = await client.GetAsync($"{Documents(collectionId)}?page=2147483647&pageSize=200");
        await Problem.AssertValidationAsync(hugeDocumentPage, "page");

        // A page past the end is empty, with the total.
        using var pastTheEnd = await client.GetAsync("/api/v1/collections?page=1000&pageSize=200");
        Assert.Equal(HttpStatusCode.OK, pastTheEnd.StatusCode);
        var page = await pastTheEnd.ReadJsonAsync();
        Assert.Empty(Items(page));
        Assert.Equal(1, page["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_batch_over_MaxBatchDocuments_is_400_and_one_at_the_limit_is_accepted()
    {
        var (_, client) = await _factory.NewUserClientAsync();
        using var _ = client;
        var collectionId = await client.CreateCollectionIdAsync();

        using var tooMany = await client.PostAsJsonAsync($"{Documents(collectionId)}/batch", new
        {
            documents = Enumerable.Range(0, SearchHostFixture.MaxBatchDocuments + 1).Select(i => new { text = $"note {i}" }),
        });
        await Problem.AssertValidationAsync(tooMany, "documents");
        Assert.Equal(0, await _factory.Database.CountAsync("SELECT count(*) FROM search.documents WHERE collection_id = @c", ("c", collectionId)));

        var ids = await client.AddDocumentsAsync(collectionId, Enumerable.Range(0, SearchHostFixture.MaxBatchDocuments).Select(i => (object)new { text = $"note {i}" }));
        Assert.Equal(SearchHostFixture.MaxBatchDocuments, ids.Count);
    }

    [Fact]
    public async Task Text_over_MaxDocumentCharacters_is_413_alone_or_in_a_batch()
    {
        var (_, client) = await _factory.NewUserClientAsync();
        using var _ = client;
        var collectionId = await client.CreateCollectionIdAsync();
        var tooLong = new string('a', SearchHostFixture.MaxDocumentCharacters + 1);

        using var single = await client.PostAsJsonAsync(Documents(collectionId), new { text = tooLong });
        var problem = await Problem.AssertAsync(single, HttpStatusCode.RequestEntityTooLarge, "document-too-large");
        Assert.Contains(SearchHostFixture.MaxDocumentCharacters.ToString(System.Globalization.CultureInfo.InvariantCulture), problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        using var batch = await client.PostAsJsonAsync($"{Documents(collectionId)}/batch", new { documents = new[] { new { text = "short" }, new { text = tooLong } } });
        await Problem.AssertAsync(batch, HttpStatusCode.RequestEntityTooLarge, "document-too-large");
        Assert.Equal(0, await _factory.Database.CountAsync("SELECT count(*) FROM search.documents WHERE collection_id = @c", ("c", collectionId)));

        // Exactly at the limit is accepted (and removed again before it costs indexing time).
        var atLimit = await client.AddDocumentAsync(collectionId, new { text = tooLong[1..] });
        using var deleted = await client.DeleteAsync(Document(collectionId, atLimit));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }

    [Fact]
    public async Task Every_route_is_401_without_credentials()
    {
        using var anonymous = _factory.CreateClient();
        var id = Guid.NewGuid();
        foreach (var (method, path) in Routes(id, Guid.NewGuid()).Prepend((HttpMethod.Post, "/api/v1/collections")).Prepend((HttpMethod.Get, "/api/v1/collections")))
        {
            using var request = new HttpRequestMessage(method, path);
            if (method == HttpMethod.Post)
            {
                request.Content = JsonContent.Create(new { name = "x", text = "x", query = "x", documents = new[] { new { text = "x" } } });
            }

            using var response = await anonymous.SendAsync(request);
            await Problem.AssertStatusAsync(response, HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task Unknown_ids_are_404_on_every_route()
    {
        var (_, client) = await _factory.NewUserClientAsync();
        using var _ = client;
        foreach (var (method, path) in Routes(Guid.NewGuid(), Guid.NewGuid()))
        {
            using var response = await SendAsync(client, method, path);
            await Problem.AssertAsync(response, HttpStatusCode.NotFound, "not-found");
        }

        // A real collection, an unknown document.
        var collectionId = await client.CreateCollectionIdAsync();
        using var getDocument = await client.GetAsync(Document(collectionId, Guid.NewGuid()));
        await Problem.AssertAsync(getDocument, HttpStatusCode.NotFound, "not-found");
        using var deleteDocument = await client.DeleteAsync(Document(collectionId, Guid.NewGuid()));
        await Problem.AssertAsync(deleteDocument, HttpStatusCode.NotFound, "not-found");
    }

    [Theory]
    [InlineData("GET", "/api/v1/collections/not-a-guid")]
    [InlineData("DELETE", "/api/v1/collections/123")]
    [InlineData("GET", "/api/v1/collections/not-a-guid/documents")]
    [InlineData("POST", "/api/v1/collections/not-a-guid/documents")]
    [InlineData("POST", "/api/v1/collections/not-a-guid/documents/batch")]
    [InlineData("POST", "/api/v1/collections/not-a-guid/search")]
    [InlineData("GET", "/api/v1/collections/0198a0a0-0000-7000-8000-000000000000/documents/not-a-guid")]
    [InlineData("DELETE", "/api/v1/collections/0198a0a0-0000-7000-8000-000000000000/documents/not-a-guid")]
    public async Task Ids_that_are_not_guids_are_404(string method, string path)
    {
        var (_, client) = await _factory.NewUserClientAsync();
        using var _ = client;

        using var response = await SendAsync(client, new HttpMethod(method), path);

        await Problem.AssertStatusAsync(response, HttpStatusCode.NotFound);
    }

    /// <summary>Every route that names a collection (and, where it takes one, a document).</summary>
    internal static IEnumerable<(HttpMethod Method, string Path)> Routes(Guid collectionId, Guid documentId) =>
    [
        (HttpMethod.Get, Collections(collectionId)),
        (HttpMethod.Delete, Collections(collectionId)),
        (HttpMethod.Get, Documents(collectionId)),
        (HttpMethod.Post, Documents(collectionId)),
        (HttpMethod.Post, $"{Documents(collectionId)}/batch"),
        (HttpMethod.Get, Document(collectionId, documentId)),
        (HttpMethod.Delete, Document(collectionId, documentId)),
        (HttpMethod.Post, $"{Collections(collectionId)}/search"),
        (HttpMethod.Post, $"{Collections(collectionId)}/evaluations"),
        (HttpMethod.Get, $"{Collections(collectionId)}/evaluations"),
        (HttpMethod.Get, $"{Collections(collectionId)}/evaluations/{documentId}"),
    ];

    /// <summary>Sends a request with a valid body for whichever route it is, so only the ids can be wrong.</summary>
    internal static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, path);
        if (method == HttpMethod.Post)
        {
            request.Content = path.EndsWith("/batch", StringComparison.Ordinal) ? JsonContent.Create(new { documents = new[] { new { text = "x" } } })
                : path.EndsWith("/search", StringComparison.Ordinal) ? JsonContent.Create(new { query = "x" })
                : path.EndsWith("/evaluations", StringComparison.Ordinal) ? JsonContent.Create(new { queries = new[] { new { query = "x", judgments = new[] { new { externalId = "x" } } } } })
                : JsonContent.Create(new { text = "x" });
        }

        return await client.SendAsync(request);
    }

    private static async Task<JsonObject> ListAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    private static void AssertCounts(JsonObject collection, int pending, int indexed, int failed)
    {
        var counts = collection["documentCounts"]!;
        Assert.Equal(pending, counts["pending"]!.GetValue<int>());
        Assert.Equal(indexed, counts["indexed"]!.GetValue<int>());
        Assert.Equal(failed, counts["failed"]!.GetValue<int>());
    }
}
