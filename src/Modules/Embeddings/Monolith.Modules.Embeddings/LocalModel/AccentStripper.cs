using System.Globalization;
using System.Text;

namespace Monolith.Modules.Embeddings.LocalModel;

/// <summary>
/// Strips accents the way BERT's uncased normaliser does (canonical decomposition, then drop the non-spacing
/// marks), so "Café" reaches the vocabulary as "cafe" instead of [UNK]. string.Normalize cannot be used for
/// this: with InvariantGlobalization (our Directory.Build.props) it silently returns its input unchanged.
/// </summary>
internal static partial class AccentStripper
{
    private const int HangulFirst = 0xAC00;
    private const int HangulLast = 0xD7A3;

    public static string Strip(string text)
    {
        // Nothing below U+0080 decomposes or is a mark, and most input is plain ASCII.
        if (!text.AsSpan().ContainsAnyExceptInRange('\u0000', '\u007F'))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        Span<char> utf16 = stackalloc char[2];
        foreach (var rune in text.EnumerateRunes())
        {
            if (Decompositions.TryGetValue(rune.Value, out var decomposed))
            {
                builder.Append(decomposed);
            }
            else if (rune.Value is >= HangulFirst and <= HangulLast)
            {
                AppendHangulJamo(builder, rune.Value);
            }
            else if (Rune.GetUnicodeCategory(rune) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(utf16[..rune.EncodeToUtf16(utf16)]);
            }
        }

        return builder.ToString();
    }

    /// <summary>Hangul syllables decompose arithmetically (Unicode §3.12) rather than through the table.</summary>
    private static void AppendHangulJamo(StringBuilder builder, int syllable)
    {
        const int vowelCount = 21;
        const int trailingCount = 28;
        var index = syllable - HangulFirst;
        builder.Append((char)(0x1100 + (index / (vowelCount * trailingCount))));
        builder.Append((char)(0x1161 + (index % (vowelCount * trailingCount) / trailingCount)));
        if (index % trailingCount != 0)
        {
            builder.Append((char)(0x11A7 + (index % trailingCount)));
        }
    }
}
