using Monolith.Modules.Embeddings.LocalModel;

namespace Monolith.EmbeddingsTests;

/// <summary>Expected ids are those of the Hugging Face tokenizer of all-MiniLM-L6-v2 (bert-base-uncased vocabulary).</summary>
[Collection(MiniLmCollection.Name)]
public sealed class TokenizationTests(MiniLmFixture fixture)
{
    private readonly MiniLmEmbedder _embedder = fixture.Embedder;

    [Fact]
    public void A_sentence_becomes_lower_cased_word_pieces_between_cls_and_sep() =>
        // [CLS] a man is eating food . [SEP]
        Assert.Equal([101, 1037, 2158, 2003, 5983, 2833, 1012, 102], _embedder.Tokenize("A man is eating food."));

    [Theory]
    [InlineData("A man is eating food.", 8)]
    [InlineData("A man is eating a piece of bread.", 11)]
    [InlineData("Hello, world! It's 3.14 o'clock—isn't it?", 21)]
    [InlineData("UNAFFABLE", 5)]
    public void Token_counts_include_cls_and_sep(string text, int expected) =>
        Assert.Equal(expected, _embedder.CountTokens(text));

    [Fact]
    public void Pieces_exclude_special_tokens_and_add_up_across_whitespace()
    {
        const string first = "Vector databases store embeddings.";
        const string second = "Similar documents are found quickly, even in Zürich.";

        Assert.Equal(6, _embedder.CountPieces("A man is eating food."));
        Assert.Equal(_embedder.CountPieces(first) + _embedder.CountPieces(second), _embedder.CountPieces(first + "\n\n" + second));
    }

    [Fact]
    public void Pieces_are_counted_past_the_window()
    {
        var text = string.Join(' ', Enumerable.Repeat("A man is eating food.", 100));

        Assert.Equal(600, _embedder.CountPieces(text));
        Assert.Equal(MiniLmEmbedder.MaxTokens, _embedder.CountTokens(text));
    }

    [Fact]
    public void Accents_are_stripped_as_by_the_reference_tokenizer() =>
        // string.Normalize does nothing under InvariantGlobalization, so this needs AccentStripper.
        Assert.Equal(
            _embedder.Tokenize("cafe naive resume angstrom facade istanbul"),
            _embedder.Tokenize("Café naïve résumé Ångström façade İstanbul"));

    [Fact]
    public void Line_breaks_and_tabs_separate_words() =>
        // [CLS] tab new line [SEP]
        Assert.Equal([101, 21628, 2047, 2240, 102], _embedder.Tokenize("tab\tnew\r\nline"));

    [Fact]
    public void A_word_longer_than_100_characters_is_one_unknown_token()
    {
        // [CLS] ok [UNK] ok [SEP]
        Assert.Equal([101, 7929, 100, 7929, 102], _embedder.Tokenize($"ok {new string('x', 101)} ok"));
        Assert.DoesNotContain(100, _embedder.Tokenize(new string('x', 100)));
    }
}
