using Monolith.Modules.Embeddings.LocalModel;

namespace Monolith.EmbeddingsTests;

public sealed class AccentStripperTests
{
    [Theory]
    [InlineData("Crème brûlée", "Creme brulee")]
    [InlineData("Ångström İstanbul", "Angstrom Istanbul")]
    [InlineData("naïve\u0301", "naive")] // a stray combining mark goes too
    [InlineData("Straße Øre", "Straße Øre")] // no canonical decomposition: kept as the reference does
    [InlineData("한", "\u1112\u1161\u11AB")] // Hangul syllable to its jamo
    [InlineData("😀 \U0002F800", "😀 \u4E3D")] // surrogate pairs, including a decomposing one
    public void Strips_what_canonical_decomposition_marks_as_accents(string text, string expected) =>
        Assert.Equal(expected, AccentStripper.Strip(text));

    [Fact]
    public void Ascii_text_is_returned_as_is()
    {
        const string text = "Plain ASCII, nothing to do.";

        Assert.Same(text, AccentStripper.Strip(text));
    }
}
