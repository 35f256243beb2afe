using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Monolith.IntegrationTests.Infrastructure;
using Npgsql;

namespace Monolith.IntegrationTests.Search;

/// <summary>Helpers over the Search HTTP API (<c>/api/v1/collections</c>) and the <c>search</c> tables behind it.</summary>
public static class SearchApi
{
    public const string LocalModel = "all-MiniLM-L6-v2";
    public const int LocalDimensions = 384;

    /// <summary>The model window minus [CLS] and [SEP]: no chunk may hold more.</summary>
    public const int MaxChunkTokens = 254;

    public static readonly TimeSpan IndexTimeout = TimeSpan.FromSeconds(30);

    public static string Collections(Guid collectionId) => $"/api/v1/collections/{collectionId}";

    public static string Documents(Guid collectionId) => $"/api/v1/collections/{collectionId}/documents";

    public static string Document(Guid collectionId, Guid documentId) => $"/api/v1/collections/{collectionId}/documents/{documentId}";

    public static string Evaluations(Guid collectionId) => $"{Collections(collectionId)}/evaluations";

    /// <summary>Creates a collection (201 checked) and returns its body.</summary>
    public static async Task<JsonObject> CreateCollectionAsync(this HttpClient client, string? name = null, string? embeddingModel = null)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/collections", new { name = name ?? $"collection {Guid.NewGuid():N}", embeddingModel });
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Expected 201, got {(int)response.StatusCode}: {body.ToJsonString()}");
        return body;
    }

    public static async Task<Guid> CreateCollectionIdAsync(this HttpClient client, string? name = null, string? embeddingModel = null) =>
        (await client.CreateCollectionAsync(name, embeddingModel))["id"]!.GetValue<Guid>();

    /// <summary>Adds one document (202 checked) and returns its id.</summary>
    public static async Task<Guid> AddDocumentAsync(this HttpClient client, Guid collectionId, object document)
    {
        using var response = await client.PostAsJsonAsync(Documents(collectionId), document);
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"Expected 202, got {(int)response.StatusCode}: {body.ToJsonString()}");
        return body["id"]!.GetValue<Guid>();
    }

    /// <summary>Adds documents in one batch (202 checked) and returns their ids in the order sent.</summary>
    public static async Task<List<Guid>> AddDocumentsAsync(this HttpClient client, Guid collectionId, IEnumerable<object> documents)
    {
        var sent = documents.ToList();
        using var response = await client.PostAsJsonAsync($"{Documents(collectionId)}/batch", new { documents = sent });
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"Expected 202, got {(int)response.StatusCode}: {body.ToJsonString()}");
        var items = body["items"]!.AsArray();
        Assert.Equal(sent.Count, items.Count);
        return items.Select(item => item!["id"]!.GetValue<Guid>()).ToList();
    }

    public static async Task<JsonObject> GetDocumentAsync(this HttpClient client, Guid collectionId, Guid documentId)
    {
        using var response = await client.GetAsync(Document(collectionId, documentId));
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {body.ToJsonString()}");
        return body;
    }

    /// <summary>
    /// Polls the document until it has <paramref name="status"/> (default: indexed) and returns it; fails at
    /// once if it reaches the other final status, and after <paramref name="timeout"/> (default 30 s).
    /// </summary>
    public static async Task<JsonObject> WaitForStatusAsync(
        this HttpClient client, Guid collectionId, Guid documentId, string status = "indexed", TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        var limit = timeout ?? IndexTimeout;
        while (true)
        {
            var document = await client.GetDocumentAsync(collectionId, documentId);
            var current = document["status"]!.GetValue<string>();
            if (current == status)
            {
                return document;
            }

            Assert.True(current is "pending" or "extracting" or "indexing", $"Document {documentId} ended '{current}' instead of '{status}': {document.ToJsonString()}");
            Assert.True(deadline.Elapsed < limit, $"Document {documentId} still {current} after {limit.TotalSeconds} s.");
            await Task.Delay(100);
        }
    }

    /// <summary>Waits until every document is indexed (each within the same overall timeout).</summary>
    public static async Task<List<JsonObject>> WaitForIndexedAsync(this HttpClient client, Guid collectionId, IEnumerable<Guid> documentIds)
    {
        var documents = new List<JsonObject>();
        foreach (var id in documentIds)
        {
            documents.Add(await client.WaitForStatusAsync(collectionId, id));
        }

        return documents;
    }

    /// <summary>POST …/search (200 checked); returns the body.</summary>
    public static async Task<JsonObject> SearchAsync(this HttpClient client, Guid collectionId, object request)
    {
        using var response = await client.PostAsJsonAsync($"{Collections(collectionId)}/search", request);
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {body.ToJsonString()}");
        return body;
    }

    public static async Task<List<JsonObject>> SearchItemsAsync(this HttpClient client, Guid collectionId, object request) =>
        Items(await client.SearchAsync(collectionId, request));

    public static List<JsonObject> Items(JsonObject page) => page["items"]!.AsArray().Select(item => item!.AsObject()).ToList();

    /// <summary>Rows of a query on the test database (for what the API cannot show); parameters by name.</summary>
    public static async Task<List<object?[]>> RowsAsync(this TestDatabase database, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var rows = new List<object?[]>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    public static async Task<long> CountAsync(this TestDatabase database, string sql, params (string Name, object Value)[] parameters) =>
        Convert.ToInt64((await database.RowsAsync(sql, parameters))[0][0], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Starts an evaluation run (<c>POST …/evaluations</c>, asserting 202) and returns its id.</summary>
    public static async Task<Guid> StartEvaluationAsync(this HttpClient client, Guid collectionId, object run)
    {
        using var response = await client.PostAsJsonAsync(Evaluations(collectionId), run);
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body.ToJsonString());
        return body["id"]!.GetValue<Guid>();
    }

    /// <summary>Polls the run until it is done (fails at once if it failed, and after <paramref name="timeout"/>, 60 s unless given).</summary>
    public static async Task<JsonObject> WaitForEvaluationAsync(this HttpClient client, string path, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            using var response = await client.GetAsync(path);
            var run = await response.ReadJsonAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, run.ToJsonString());
            var status = run["status"]!.GetValue<string>();
            if (status == "done")
            {
                return run;
            }

            Assert.True(status is "pending" or "running", $"The evaluation ended '{status}': {run.ToJsonString()}");
            Assert.True(deadline.Elapsed < limit, $"The evaluation is still {status} after {limit.TotalSeconds:F0} s.");
            await Task.Delay(100);
        }
    }

    /// <summary>Polls <paramref name="condition"/> every 100 ms until it holds or <paramref name="timeout"/> passes; returns whether it held.</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(100);
        }

        return await condition();
    }
}
