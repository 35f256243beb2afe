using System.Text.RegularExpressions;

namespace Monolith.Modules.Search.Ingestion.Files;

/// <summary>Plain text: paragraphs are what blank lines separate; the text is otherwise kept as it is.</summary>
internal static partial class PlainTextExtractor
{
    public static int? Extract(byte[] content, StructuredText output, CancellationToken cancellationToken)
    {
        foreach (var paragraph in BlankLine().Split(TextDecoding.Decode(content)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            output.Paragraph(paragraph);
        }

        return null;
    }

    [GeneratedRegex(@"\r?\n[ \t]*\r?\n")]
    private static partial Regex BlankLine();
}
