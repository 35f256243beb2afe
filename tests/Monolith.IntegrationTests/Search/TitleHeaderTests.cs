using Microsoft.Extensions.DependencyInjection;
using Monolith.IntegrationTests.Infrastructure;
using Monolith.Modules.Embeddings.Contracts;
using Wolverine;
using static Monolith.IntegrationTests.Search.SearchApi;

namespace Monolith.IntegrationTests.Search;

/// <summary>
/// By default the document's title heads the embedded text of each chunk that does not start with it (ADR 0057); the
/// stored chunk text stays a slice of the document, and a document without a title is embedded as it is.
/// </summary>
[Collection(SearchHostCollection.Name)]
public sealed class TitleHeaderTests(SearchHostFixture host, TitleHeaderTests.HeaderOffHost headerOff) : IClassFixture<TitleHeaderTests.HeaderOffHost>
{
    private const string Title = "Field notes";

    private readonly MonolithFactory _factory = host.Factory;

    [Fact]
    public async Task Every_chunk_but_one_that_starts_with_the_title_is_embedded_under_it_and_an_untitled_document_as_it_is()
    {
        var (_, client) = await _factory.NewUserClientAsync();
        using var _ = client;
        var collectionId = await client.CreateCollectionIdAsync();
        var startsWithTitle = await client.AddDocumentAsync(collectionId, new { text = $"{Title}\n{SearchIngestionTests.LongText(words: 700)}", title = Title });
        var titled = await client.AddDocumentAsync(collectionId, new { text = SearchIngestionTests.LongText(words: 700, seed: 8), title = Title });
        var untitled = await client.AddDocumentAsync(collectionId, new { text = SearchIngestionTests.LongText(words: 700, seed: 9) });
        await client.WaitForIndexedAsync(collectionId, [startsWithTitle, titled, untitled]);

        var first = await ChunksAsync(_factory, startsWithTitle);
        Assert.True(first.Count >= 3, $"700 words should be several chunks, got {first.Count}");
        Assert.StartsWith(Title, first[0].Text, StringComparison.Ordinal);
        await AssertEmbeddedAsync(first, first.Select((chunk, i) => i == 0 ? chunk.Text : $"{Title}\n{chunk.Text}").ToList());

        var second = await ChunksAsync(_factory, titled);
        Assert.All(second, chunk => Assert.DoesNotContain(Title, chunk.Text, StringComparison.Ordinal)); // the title is in the embedding only
        await AssertEmbeddedAsync(second, second.Select(chunk => $"{Title}\n{chunk.Text}").ToList());
        await AssertNotEmbeddedAsync(second, second.Select(chunk => chunk.Text).ToList());

        var plain = await ChunksAsync(_factory, untitled);
        await AssertEmbeddedAsync(plain, plain.Select(chunk => chunk.Text).ToList());
    }

    [Fact]
    public async Task With_the_header_turned_off_a_titled_documents_chunks_are_embedded_from_their_text_alone()
    {
        var factory = headerOff.Factory;
        var (_, client) = await factory.NewUserClientAsync();
        using var _ = client;
        var collectionId = await client.CreateCollectionIdAsync();
        var titled = await client.AddDocumentAsync(collectionId, new { text = SearchIngestionTests.LongText(words: 700, seed: 8), title = Title });
        await client.WaitForIndexedAsync(collectionId, [titled]);

        var chunks = await ChunksAsync(factory, titled);
        Assert.True(chunks.Count >= 3, $"700 words should be several chunks, got {chunks.Count}");
        await AssertEmbeddedAsync(chunks, chunks.Select(chunk => chunk.Text).ToList());
    }

    private static async Task<List<(string Text, float[] Embedding)>> ChunksAsync(MonolithFactory factory, Guid documentId) =>
        (await factory.Database.RowsAsync("SELECT text, embedding::real[] FROM search.chunks WHERE document_id = @d ORDER BY position", ("d", documentId)))
        .Select(row => ((string)row[0]!, (float[])row[1]!))
        .ToList();

    /// <summary>Each chunk's vector is the model's vector of the expected text, and that text fits the model's window.</summary>
    private async Task AssertEmbeddedAsync(List<(string Text, float[] Embedding)> chunks, List<string> embedded)
    {
        var (vectors, tokens) = await EmbedAsync(embedded);
        Assert.All(chunks.Zip(vectors), pair => Assert.Equal(pair.Second, pair.First.Embedding, (a, b) => Math.Abs(a - b) < 1e-5f));
        Assert.All(tokens, count => Assert.InRange(count, 1, MaxChunkTokens));
    }

    private async Task AssertNotEmbeddedAsync(List<(string Text, float[] Embedding)> chunks, List<string> texts)
    {
        var (vectors, _) = await EmbedAsync(texts);
        Assert.All(chunks.Zip(vectors), pair => Assert.True(Cosine(pair.First.Embedding, pair.Second) < 0.999, "the chunk is embedded without its title"));
    }

    private async Task<(IReadOnlyList<float[]> Vectors, IReadOnlyList<int> Tokens)> EmbedAsync(List<string> texts)
    {
        using var scope = _factory.Services.CreateScope();
        var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
        var timeout = TimeSpan.FromSeconds(60);
        var generated = await bus.InvokeAsync<GeneratedEmbeddings>(new GenerateEmbeddings(texts, EmbeddingPurpose.Document, LocalModel), timeout: timeout);
        var counted = await bus.InvokeAsync<TokenCounts>(new CountTokens(texts, LocalModel), timeout: timeout);
        Assert.Null(generated.Error);
        Assert.Null(counted.Error);
        return (generated.Vectors, counted.Counts);
    }

    private static double Cosine(float[] a, float[] b) => a.Zip(b, (x, y) => (double)x * y).Sum();

    /// <summary>A host with <c>Search:Chunking:TitleHeader</c> off (on by default).</summary>
    public sealed class HeaderOffHost : IAsyncLifetime
    {
        private MonolithFactory? _factory;

        public MonolithFactory Factory => _factory ?? throw new InvalidOperationException("The host has not started.");

        public async Task InitializeAsync() => _factory = await MonolithFactory.StartAsync(new TestHostOptions
        {
            Settings = new Dictionary<string, string?> { ["Search:Chunking:TitleHeader"] = "false" },
        });

        public async Task DisposeAsync()
        {
            if (_factory is not null)
            {
                await _factory.DisposeAsync();
            }
        }
    }
}
