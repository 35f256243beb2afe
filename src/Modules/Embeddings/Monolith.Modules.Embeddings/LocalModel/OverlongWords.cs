using System.Text;

namespace Monolith.Modules.Embeddings.LocalModel;

/// <summary>
/// BERT's WordPiece turns a word of more than 100 characters into a single [UNK]. FastBertTokenizer has no such
/// limit and would split it into dozens of pieces, so a hash, a base64 blob or a minified script would fill the
/// 256-token window (and the chunker's token counts) with noise. This applies the limit before tokenising.
/// </summary>
internal static class OverlongWords
{
    public const int MaxChars = 100;

    // FastBertTokenizer reads the literal special token as the unknown token.
    private const string Unknown = "[UNK]";

    public static string Replace(string text)
    {
        if (text.Length <= MaxChars)
        {
            return text;
        }

        StringBuilder? builder = null;
        var copied = 0;
        var wordStart = 0;
        var wordChars = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && !EndsWord(text[i]))
            {
                if (wordChars == 0)
                {
                    wordStart = i;
                }

                // A surrogate pair is one character to the reference tokenizer.
                if (!char.IsLowSurrogate(text[i]))
                {
                    wordChars++;
                }

                continue;
            }

            if (wordChars > MaxChars)
            {
                builder ??= new StringBuilder(text.Length);
                builder.Append(text, copied, wordStart - copied).Append(Unknown);
                copied = i;
            }

            wordChars = 0;
        }

        return builder is null ? text : builder.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>Word boundaries as BERT's pre-tokeniser sees them: whitespace, punctuation and CJK ideographs.</summary>
    private static bool EndsWord(char c) =>
        char.IsWhiteSpace(c)
        || c is (>= '!' and <= '/') or (>= ':' and <= '@') or (>= '[' and <= '`') or (>= '{' and <= '~')
        || char.IsPunctuation(c)
        || c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF') or (>= '\uF900' and <= '\uFAFF');
}
