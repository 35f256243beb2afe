using Monolith.IntegrationTests.Infrastructure;
using Monolith.IntegrationTests.Search;
using static Monolith.IntegrationTests.Search.SearchApi;

namespace Monolith.IntegrationTests.Files;

/// <summary>
/// Files made by real producers (SQLite's own HTML page, pandoc's Word, PowerPoint and Markdown, groff's PDF) from
/// SQLite's public-domain documentation (Fixtures/README.md) come out with their text and structure.
/// </summary>
[Collection(SearchHostCollection.Name)]
public sealed class RealWorldFileTests(SearchHostFixture host)
{
    private const string WorksWell = "Situations Where SQLite Works Well";

    private readonly MonolithFactory _factory = host.Factory;

    [Theory]
    [InlineData("whentouse.html", "html")]
    [InlineData("whentouse.md", "markdown")]
    [InlineData("whentouse.docx", "docx")]
    public async Task Appropriate_uses_for_sqlite_keeps_its_sections_in_every_format(string name, string format)
    {
        var (document, chunks) = await UploadFixtureAsync(name);

        Assert.Equal(format, document["file"]!["format"]!.GetValue<string>());
        var embedded = chunks.Where(chunk => chunk.Text.Contains("Embedded devices and the internet of things", StringComparison.Ordinal)).ToList();
        Assert.True(embedded.Count > 0 && embedded.All(chunk => chunk.Metadata.Label("section")?.Contains(WorksWell, StringComparison.Ordinal) == true),
            Describe(chunks));
        Assert.Contains(chunks, chunk => chunk.Metadata.Label("section")?.Contains("Checklist For Choosing The Right Database Engine", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Pandocs_presentation_is_one_section_per_slide_named_by_its_title()
    {
        var (document, chunks) = await UploadFixtureAsync("whentouse.pptx");

        Assert.Equal(3, document["file"]!["pages"]!.GetValue<int>());
        var embedded = Assert.Single(chunks, chunk => chunk.Text.Contains("Embedded devices and the internet of things", StringComparison.Ordinal));
        Assert.Equal("3", embedded.Metadata.Label("slide"));
        Assert.Equal("Appropriate Uses For SQLite", embedded.Metadata.Label("section")); // pandoc made the page's title the slide's, its h2s body text
        Assert.Contains(chunks, chunk => chunk.Metadata.Label("slide") == "1" && chunk.Text.Contains("Appropriate Uses For SQLite", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_groff_typeset_pdf_is_read_page_by_page_in_reading_order()
    {
        var (document, chunks) = await UploadFixtureAsync("quirks.pdf");

        Assert.Equal("pdf", document["file"]!["format"]!.GetValue<string>());
        Assert.True(document["file"]!["pages"]!.GetValue<int>() >= 4, document.ToJsonString());
        var text = string.Join("\n", chunks.Select(chunk => chunk.Text));
        Assert.Contains("Foreign Key Enforcement Is Off By Default", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("Flexible Typing", StringComparison.Ordinal) < text.IndexOf("Foreign Key Enforcement", StringComparison.Ordinal), Describe(chunks));
        Assert.True(chunks.Select(chunk => int.Parse(chunk.Metadata.Label("page")!, System.Globalization.CultureInfo.InvariantCulture)).Distinct().Count() >= 4, Describe(chunks));
    }

    private async Task<(System.Text.Json.Nodes.JsonObject Document, List<(string Text, System.Text.Json.Nodes.JsonObject Metadata)> Chunks)> UploadFixtureAsync(string name)
    {
        var (_, client) = await _factory.NewUserClientAsync();
        using var _ = client;
        var collectionId = await client.CreateCollectionIdAsync();
        var content = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Files", "Fixtures", name));
        var document = await client.UploadIndexedAsync(collectionId, new FilePart(name, content));
        return (document, await _factory.Database.ChunksAsync(document["id"]!.GetValue<Guid>()));
    }

    private static string Describe(List<(string Text, System.Text.Json.Nodes.JsonObject Metadata)> chunks) =>
        string.Join("\n---\n", chunks.Select(chunk => $"{chunk.Metadata.ToJsonString()}: {(chunk.Text.Length > 300 ? chunk.Text[..300] + "…" : chunk.Text)}"));
}
