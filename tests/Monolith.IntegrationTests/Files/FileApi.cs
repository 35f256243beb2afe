using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Monolith.IntegrationTests.Infrastructure;
using static Monolith.IntegrationTests.Search.SearchApi;

namespace Monolith.IntegrationTests.Files;

/// <summary>A file part of an upload, with the fields that belong to it.</summary>
public sealed record FilePart(string Name, byte[] Content, string? ContentType = null, string? ExternalId = null, string? Title = null, string? Metadata = null);

/// <summary>Helpers over <c>POST …/files</c> and <c>GET …/documents/{id}/file</c>.</summary>
public static class FileApi
{
    public static string Files(Guid collectionId) => $"{Collections(collectionId)}/files";

    public static MultipartFormDataContent Form(params FilePart[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var file in files)
        {
            var content = new ByteArrayContent(file.Content);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(file.ContentType ?? "application/octet-stream");
            form.Add(content, "file", file.Name);
        }

        // The n-th value of a field belongs to the n-th file: a field is sent for every file once any file has one.
        foreach (var (field, value) in new (string, Func<FilePart, string?>)[] { ("externalId", f => f.ExternalId), ("title", f => f.Title), ("metadata", f => f.Metadata) })
        {
            if (files.Any(file => value(file) is not null))
            {
                foreach (var file in files)
                {
                    form.Add(new StringContent(value(file) ?? ""), field);
                }
            }
        }

        return form;
    }

    public static async Task<HttpResponseMessage> UploadAsync(this HttpClient client, Guid collectionId, params FilePart[] files)
    {
        using var form = Form(files);
        return await client.PostAsync(Files(collectionId), form);
    }

    /// <summary>Uploads the files (202 checked) and returns their document ids in the order sent.</summary>
    public static async Task<List<Guid>> UploadIdsAsync(this HttpClient client, Guid collectionId, params FilePart[] files)
    {
        using var response = await client.UploadAsync(collectionId, files);
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"Expected 202, got {(int)response.StatusCode}: {body.ToJsonString()}");
        var items = body["items"]!.AsArray();
        Assert.Equal(files.Length, items.Count);
        Assert.All(items, item => Assert.Equal("pending", item!["status"]!.GetValue<string>()));
        return items.Select(item => item!["id"]!.GetValue<Guid>()).ToList();
    }

    /// <summary>Uploads one file and waits until it is indexed; returns the document.</summary>
    public static async Task<JsonObject> UploadIndexedAsync(this HttpClient client, Guid collectionId, FilePart file)
    {
        var id = Assert.Single(await client.UploadIdsAsync(collectionId, file));
        return await client.WaitForStatusAsync(collectionId, id, timeout: TimeSpan.FromSeconds(60));
    }

    /// <summary>Uploads one file and waits until it has failed; returns the reason.</summary>
    public static async Task<string> UploadFailedAsync(this HttpClient client, Guid collectionId, FilePart file)
    {
        var id = Assert.Single(await client.UploadIdsAsync(collectionId, file));
        var document = await client.WaitForStatusAsync(collectionId, id, "failed", TimeSpan.FromSeconds(60));
        return document["error"]!.GetValue<string>();
    }

    /// <summary>The chunks of a document as stored: text and metadata, in order.</summary>
    public static async Task<List<(string Text, JsonObject Metadata)>> ChunksAsync(this TestDatabase database, Guid documentId) =>
        (await database.RowsAsync("SELECT text, metadata::text FROM search.chunks WHERE document_id = @d ORDER BY position", ("d", documentId)))
        .Select(row => ((string)row[0]!, JsonNode.Parse((string)row[1]!)!.AsObject())).ToList();

    public static string? Label(this JsonObject metadata, string key) => metadata[key]?.GetValue<string>();
}
