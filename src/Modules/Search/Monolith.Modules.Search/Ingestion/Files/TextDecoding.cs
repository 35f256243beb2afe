using System.Text;

namespace Monolith.Modules.Search.Ingestion.Files;

/// <summary>Text files are UTF-8 (with or without a byte order mark) or UTF-16 with one; anything else is not text.</summary>
internal static class TextDecoding
{
    private const int PrefixBytes = 64 * 1024;

    /// <summary>The whole content as text; a content that is not text is a failure with the reason.</summary>
    public static string Decode(byte[] content)
    {
        var (encoding, preamble) = EncodingOf(content);
        return IsText(content, encoding, preamble)
            ? encoding.GetString(content, preamble, content.Length - preamble)
            : throw new ExtractionFailure("the file is not text in UTF-8 or UTF-16.");
    }

    /// <summary>About the first 64 KiB as text, or null when the content is not text.</summary>
    public static string? Prefix(ReadOnlySpan<byte> content)
    {
        var bytes = content.ToArray();
        var (encoding, preamble) = EncodingOf(bytes);
        if (!IsText(bytes, encoding, preamble))
        {
            return null;
        }

        // Lenient: the cut may fall inside a character.
        var lenient = (Encoding)encoding.Clone();
        lenient.DecoderFallback = DecoderFallback.ReplacementFallback;
        return lenient.GetString(bytes, preamble, Math.Min(PrefixBytes, bytes.Length - preamble));
    }

    public static bool Contains(ReadOnlySpan<byte> content, string name) => content.IndexOf(Encoding.Unicode.GetBytes(name)) >= 0;

    private static (Encoding Encoding, int Preamble) EncodingOf(byte[] content)
    {
        var span = content.AsSpan();
        return span.StartsWith((byte[])[0xFF, 0xFE]) ? (new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true), 2)
            : span.StartsWith((byte[])[0xFE, 0xFF]) ? (new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true), 2)
            : (new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true), span.StartsWith((byte[])[0xEF, 0xBB, 0xBF]) ? 3 : 0);
    }

    // Valid in its encoding, no NUL and hardly any other control character (binary formats are full of them).
    private static bool IsText(byte[] content, Encoding encoding, int preamble)
    {
        string sample;
        if (encoding is UTF8Encoding)
        {
            if (!System.Text.Unicode.Utf8.IsValid(content))
            {
                return false;
            }

            sample = encoding.GetString(content, preamble, Math.Min(PrefixBytes, content.Length - preamble) is var n && n < content.Length - preamble ? CharacterBoundary(content, preamble, n) : n);
        }
        else
        {
            try
            {
                sample = encoding.GetString(content, preamble, Math.Min(PrefixBytes, content.Length - preamble) & ~1);
            }
            catch (DecoderFallbackException)
            {
                return false;
            }
        }

        var controls = sample.Count(c => c < ' ' && c is not ('\n' or '\r' or '\t' or '\f'));
        return !sample.Contains('\0', StringComparison.Ordinal) && controls * 100 <= sample.Length;
    }

    // Backs off from a cut inside a UTF-8 sequence (continuation bytes are 10xxxxxx).
    private static int CharacterBoundary(byte[] content, int start, int length)
    {
        while (length > 0 && (content[start + length] & 0xC0) == 0x80)
        {
            length--;
        }

        return length;
    }
}
