using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Monolith.IntegrationTests.Infrastructure;
using Monolith.IntegrationTests.Search;
using static Monolith.IntegrationTests.Files.TestFiles;
using static Monolith.IntegrationTests.Search.SearchApi;

namespace Monolith.IntegrationTests.Files;

/// <summary>Bad uploads get a clear answer at once; bad files found while extracting end failed with a reason a user understands.</summary>
[Collection(SearchHostCollection.Name)]
public sealed class FileRejectionTests(SearchHostFixture host)
{
    private readonly MonolithFactory _factory = host.Factory;

    private async Task<(HttpClient Client, Guid CollectionId)> CollectionAsync()
    {
        var (_, client) = await _factory.NewUserClientAsync();
        return (client, await client.CreateCollectionIdAsync());
    }

    [Fact]
    public async Task An_unsupported_type_is_415_naming_what_is_accepted()
    {
        var (client, collectionId) = await CollectionAsync();
        using var _ = client;

        using var image = await client.UploadAsync(collectionId, new FilePart("photo.pdf", Png(), "application/pdf"));
        var problem = await Problem.AssertAsync(image, HttpStatusCode.UnsupportedMediaType, "unsupported-file-type");
        Assert.Contains("Word (.docx)", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        var legacy = new byte[2048];
        ((byte[])[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]).CopyTo(legacy, 0);
        using var doc = await client.UploadAsync(collectionId, new FilePart("old.doc", legacy));
        Assert.Contains("legacy binary Office", (await Problem.AssertAsync(doc, HttpStatusCode.UnsupportedMediaType))["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        // Nothing of a rejected request is stored, not even its acceptable files.
        using var mixed = await client.UploadAsync(collectionId, new FilePart("ok.txt", "fine"u8.ToArray()), new FilePart("photo.png", Png()));
        await Problem.AssertAsync(mixed, HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(0, await _factory.Database.CountAsync("SELECT count(*) FROM search.documents WHERE collection_id = @c", ("c", collectionId)));
    }

    [Fact]
    public async Task A_file_over_the_limit_is_413_and_an_empty_file_is_400()
    {
        var (client, collectionId) = await CollectionAsync();
        using var _ = client;

        using var large = await client.UploadAsync(collectionId, new FilePart("big.txt", Encoding.ASCII.GetBytes(new string('a', SearchHostFixture.MaxFileBytes + 1))));
        await Problem.AssertAsync(large, HttpStatusCode.RequestEntityTooLarge, "file-too-large");

        using var raw = new ByteArrayContent(new byte[SearchHostFixture.MaxFileBytes + 1]);
        raw.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        using var rawLarge = await client.PostAsync($"{FileApi.Files(collectionId)}?filename=big.pdf", raw);
        await Problem.AssertAsync(rawLarge, HttpStatusCode.RequestEntityTooLarge, "file-too-large");

        using var empty = await client.UploadAsync(collectionId, new FilePart("empty.txt", []));
        var problem = await Problem.AssertAsync(empty, HttpStatusCode.BadRequest, "validation");
        Assert.Contains("empty", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Multipart_edge_cases_are_400s_or_413s_with_the_field_named()
    {
        var (client, collectionId) = await CollectionAsync();
        using var _ = client;

        using var noFile = new MultipartFormDataContent { { new StringContent("x"), "title" } };
        using (var response = await client.PostAsync(FileApi.Files(collectionId), noFile))
        {
            var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "validation");
            Assert.NotNull(problem["errors"]!["file"] ?? problem["errors"]!["title"]);
        }

        using (var response = await client.UploadAsync(collectionId, new FilePart("same.txt", "one"u8.ToArray()), new FilePart("same.txt", "two"u8.ToArray())))
        {
            Assert.Contains("same externalId", (await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "validation"))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        // Two files of one name are fine with an externalId each.
        var ids = await client.UploadIdsAsync(collectionId, new FilePart("same.txt", "one"u8.ToArray(), ExternalId: "a"), new FilePart("same.txt", "two"u8.ToArray(), ExternalId: "b"));
        Assert.Equal(2, ids.Distinct().Count());

        using (var response = await client.UploadAsync(collectionId, new FilePart("a.txt", "x"u8.ToArray(), Metadata: $"{{\"k\":\"{new string('v', SearchHostFixture.MaxFieldBytes)}\"}}")))
        {
            await Problem.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        }

        using (var response = await client.UploadAsync(collectionId, new FilePart("a.txt", "x"u8.ToArray(), Metadata: "[1,2]")))
        {
            Assert.NotNull((await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "validation"))["errors"]!["files[0].metadata"]);
        }

        // Text PostgreSQL cannot hold, in a file name or a field (the fuzzer's first multipart find: it was a 500).
        using (var raw = new ByteArrayContent("x"u8.ToArray()))
        using (var response = await client.PostAsync($"{FileApi.Files(collectionId)}?filename=a%00b.txt", raw))
        {
            Assert.NotNull((await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "validation"))["errors"]!["files[0].fileName"]);
        }

        foreach (var (file, field) in new[]
        {
            (new FilePart("a.txt", "x"u8.ToArray(), Title: "nul\0title"), "files[0].title"),
            (new FilePart("a.txt", "x"u8.ToArray(), ExternalId: "nul\0id"), "files[0].externalId"),
            (new FilePart("a.txt", "x"u8.ToArray(), Metadata: "{\"k\":\"\\u0000\"}"), "files[0].metadata"),
            (new FilePart("a.txt", "x"u8.ToArray(), Metadata: "{\"k\":\"\\ud800\"}"), "files[0].metadata"),
        })
        {
            using var response = await client.UploadAsync(collectionId, file);
            var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "validation");
            Assert.True(problem["errors"]?[field] is not null, problem.ToJsonString());
        }

        using var body = new ByteArrayContent("text"u8.ToArray());
        using (var response = await client.PostAsync(FileApi.Files(collectionId), body))
        {
            Assert.NotNull((await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "validation"))["errors"]!["filename"]);
        }

        using var broken = new ByteArrayContent("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nno end"u8.ToArray());
        broken.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=b");
        using (var response = await client.PostAsync(FileApi.Files(collectionId), broken))
        {
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    [Fact]
    public async Task A_single_file_may_be_the_raw_body_named_by_the_filename_query()
    {
        var (client, collectionId) = await CollectionAsync();
        using var _ = client;
        using var body = new ByteArrayContent(Docx([("Heading1", "Raw"), ("", "Sent as the body.")]));
        body.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.wordprocessingml.document");

        using var response = await client.PostAsync($"{FileApi.Files(collectionId)}?filename=raw.docx&title=Raw%20file", body);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.ReadJsonAsync())["items"]![0]!["id"]!.GetValue<Guid>();
        var document = await client.WaitForStatusAsync(collectionId, id, timeout: TimeSpan.FromSeconds(60));
        Assert.Equal("Raw file", document["title"]!.GetValue<string>());
        Assert.Equal("raw.docx", document["file"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_original_is_downloaded_as_uploaded_and_removed_with_its_document()
    {
        var (client, collectionId) = await CollectionAsync();
        using var _ = client;
        var pdf = FileFormatTests.Report();
        var document = await client.UploadIndexedAsync(collectionId, new FilePart("report.pdf", pdf, "application/pdf"));
        var id = document["id"]!.GetValue<Guid>();

        using (var download = await client.GetAsync($"{Document(collectionId, id)}/file"))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
            Assert.Equal("report.pdf", download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
            Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        }

        using (var delete = await client.DeleteAsync(Document(collectionId, id)))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        Assert.Equal(0, await _factory.Database.CountAsync("SELECT count(*) FROM search.document_files WHERE document_id = @d", ("d", id)));
        using var gone = await client.GetAsync($"{Document(collectionId, id)}/file");
        await Problem.AssertAsync(gone, HttpStatusCode.NotFound, "not-found");

        // A text document has no file.
        var text = await client.AddDocumentAsync(collectionId, new { text = "No file here." });
        using var none = await client.GetAsync($"{Document(collectionId, text)}/file");
        await Problem.AssertAsync(none, HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task A_hostile_file_name_is_kept_only_as_data()
    {
        var (client, collectionId) = await CollectionAsync();
        using var _ = client;
        var name = "../../etc/passwd\u0001\u001b[31m" + new string('n', 1000) + ".txt";

        var document = await client.UploadIndexedAsync(collectionId, new FilePart(name, "Harmless words about kestrels."u8.ToArray()));

        Assert.Equal(name, document["file"]!["name"]!.GetValue<string>());
        var externalId = document["externalId"]!.GetValue<string>();
        Assert.True(externalId.Length <= 200 && !externalId.Any(char.IsControl), externalId);
        using var download = await client.GetAsync($"{Document(collectionId, document["id"]!.GetValue<Guid>())}/file");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var disposition = download.Content.Headers.ContentDisposition!;
        var served = disposition.FileNameStar ?? disposition.FileName!;
        Assert.DoesNotContain('/', served);
        Assert.DoesNotContain(served, char.IsControl);
    }

    [Fact]
    public async Task Bad_files_end_failed_with_their_reason_and_never_hold_up_the_good_ones_beside_them()
    {
        var (client, collectionId) = await CollectionAsync();
        using var _ = client;
        var docx = Docx([("", "A perfectly good document about herons.")]);
        var files = new[]
        {
            new FilePart("encrypted.pdf", EncryptedPdf()),
            new FilePart("encrypted.docx", EncryptedOfficeFile()),
            new FilePart("scan.pdf", PdfWithoutText(2)),
            new FilePart("truncated.docx", docx[..(docx.Length / 2)]),
            new FilePart("garbage.pdf", [.. "%PDF-1.7\n"u8, .. Enumerable.Range(0, 5000).Select(i => (byte)(i * 7 % 251))]),
            new FilePart("bomb.docx", ZipBomb(150L * 1024 * 1024)),
            new FilePart("nested.html", Encoding.UTF8.GetBytes("<html><body>" + string.Concat(Enumerable.Repeat("<div>", 5000)) + "deep</body></html>")),
            new FilePart("nested.md", Encoding.UTF8.GetBytes(new string('>', 3000) + " deep quote")),
            new FilePart("good.docx", docx),
        };

        var ids = await client.UploadIdsAsync(collectionId, files);
        var reasons = new Dictionary<string, string>();
        foreach (var (file, id) in files.Zip(ids).Take(files.Length - 1))
        {
            reasons[file.Name] = (await client.WaitForStatusAsync(collectionId, id, "failed", TimeSpan.FromSeconds(60)))["error"]!.GetValue<string>();
        }

        var good = await client.WaitForStatusAsync(collectionId, ids[^1], timeout: TimeSpan.FromSeconds(60));
        Assert.True(good["chunkCount"]!.GetValue<int>() >= 1);
        Assert.StartsWith("encrypted:", reasons["encrypted.pdf"], StringComparison.Ordinal);
        Assert.StartsWith("encrypted:", reasons["encrypted.docx"], StringComparison.Ordinal);
        Assert.Equal("scanned: no text layer; OCR is not supported.", reasons["scan.pdf"]);
        Assert.StartsWith("corrupt", reasons["truncated.docx"], StringComparison.Ordinal);
        Assert.StartsWith("corrupt", reasons["garbage.pdf"], StringComparison.Ordinal);
        Assert.StartsWith("zip bomb:", reasons["bomb.docx"], StringComparison.Ordinal);
        Assert.StartsWith("nesting too deep:", reasons["nested.html"], StringComparison.Ordinal);
        Assert.StartsWith("nesting too deep:", reasons["nested.md"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_users_collection_is_404_for_uploads()
    {
        var (owner, collectionId) = await CollectionAsync();
        using var _ = owner;
        var (_, intruder) = await _factory.NewUserClientAsync();
        using var __ = intruder;

        using var response = await intruder.UploadAsync(collectionId, new FilePart("a.txt", "intruder"u8.ToArray()));

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, "not-found");
    }
}
