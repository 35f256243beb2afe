using Monolith.Modules.Embeddings.LocalModel;

namespace Monolith.EmbeddingsTests;

[Collection(MiniLmCollection.Name)]
public sealed class EmbeddingTests(MiniLmFixture fixture)
{
    private const string Food = "A man is eating food.";
    private const string Bread = "A man is eating a piece of bread.";
    private const string Horse = "A man is riding a horse.";

    private readonly MiniLmEmbedder _embedder = fixture.Embedder;

    [Fact]
    public void Similar_sentences_score_as_with_the_reference_implementation()
    {
        var vectors = _embedder.Embed([Food, Bread, Horse]);

        // 0.7553 with sentence-transformers in Python.
        Assert.InRange(Vectors.Cosine(vectors[0], vectors[1]), 0.735, 0.775);
        Assert.InRange(Vectors.Cosine(vectors[0], vectors[2]), -1, 0.35);
        Assert.InRange(Vectors.Cosine(vectors[1], vectors[2]), -1, 0.35);
    }

    [Fact]
    public void Embeddings_have_384_dimensions_and_unit_length()
    {
        var vectors = _embedder.Embed([Food, "Zürich", " ", new string('a', 5_000)]);

        Assert.All(vectors, vector =>
        {
            Assert.Equal(MiniLmEmbedder.Dimensions, vector.Length);
            Assert.InRange(Vectors.Norm(vector), 0.9999, 1.0001);
        });
    }

    [Fact]
    public void A_batch_gives_the_same_embeddings_as_one_text_at_a_time_whatever_the_padding()
    {
        // Lengths from 3 to 256 tokens, more than one run's worth, unsorted.
        var texts = Enumerable.Range(0, 40)
            .Select(i => string.Join(' ', Enumerable.Repeat(i % 2 == 0 ? Bread : Horse, 1 + (i * 7 % 23))))
            .Append(" ")
            .ToArray();

        var batched = _embedder.Embed(texts);

        for (var i = 0; i < texts.Length; i++)
        {
            var alone = _embedder.Embed([texts[i]])[0];
            Assert.True(Vectors.Cosine(batched[i], alone) > 0.9999, $"text {i} differs in a batch");
        }
    }

    [Fact]
    public void A_text_of_100k_characters_is_truncated_to_the_window()
    {
        var text = string.Concat(Enumerable.Repeat("Lorem ipsum dolor sit amet, consectetur adipiscing elit. ", 2_000))[..100_000];

        var ids = _embedder.Tokenize(text);
        var vector = _embedder.Embed([text])[0];

        Assert.Equal(MiniLmEmbedder.MaxTokens, ids.Length);
        Assert.Equal(MiniLmEmbedder.MaxTokens, _embedder.CountTokens(text));
        Assert.Equal(WordPieceTokenizer.ClsId, ids[0]);
        Assert.Equal(WordPieceTokenizer.SepId, ids[^1]);
        Assert.InRange(Vectors.Norm(vector), 0.9999, 1.0001);
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("")]
    [InlineData("\u200b\t\n")]
    public void Blank_input_is_embedded_as_just_the_special_tokens(string text)
    {
        Assert.Equal([WordPieceTokenizer.ClsId, WordPieceTokenizer.SepId], _embedder.Tokenize(text));
        Assert.Equal(2, _embedder.CountTokens(text));
        Assert.Equal(MiniLmEmbedder.Dimensions, _embedder.Embed([text])[0].Length);
    }

    [Fact]
    public void An_empty_batch_gives_no_embeddings() => Assert.Empty(_embedder.Embed([]));

    [Fact]
    public void Concurrent_calls_give_the_same_results()
    {
        string[] texts = [Food, Bread, Horse, string.Join(' ', Enumerable.Repeat(Bread, 12))];
        var expected = _embedder.Embed(texts);

        var results = new float[4 * 3][][];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => results[i] = _embedder.Embed(texts));

        Assert.All(results, result =>
        {
            for (var i = 0; i < texts.Length; i++)
            {
                Assert.True(Vectors.Cosine(expected[i], result[i]) > 0.99999);
            }
        });
    }
}
