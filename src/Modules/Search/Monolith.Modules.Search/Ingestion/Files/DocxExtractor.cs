using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Monolith.Modules.Search.Ingestion.Files;

/// <summary>
/// A Word document's body in order: headings (Heading 1–9 styles or an outline level) open sections,
/// paragraphs and list items (marked "- ") follow, a table becomes one line per row with its cells
/// joined by " | " (nested tables flattened into their cell, up to the nesting bound).
/// </summary>
internal static partial class DocxExtractor
{
    public static int? Extract(byte[] content, StructuredText output, FileLimits limits, CancellationToken cancellationToken)
    {
        var settings = OfficePackage.Check(content, limits);
        using var document = WordprocessingDocument.Open(new MemoryStream(content, writable: false), false, settings);
        var body = document.MainDocumentPart?.Document?.Body ?? throw new ExtractionFailure("corrupt: the Word document has no body.");
        var headingStyles = HeadingStyles(document.MainDocumentPart.StyleDefinitionsPart?.Styles);
        Blocks(body, output, headingStyles, limits.MaxNestingDepth, 0, cancellationToken);
        return null;
    }

    private static void Blocks(OpenXmlElement container, StructuredText output, Dictionary<string, int> headingStyles, int maxDepth, int depth, CancellationToken cancellationToken)
    {
        if (depth > maxDepth)
        {
            throw new ExtractionFailure($"nesting too deep: the document nests more than {maxDepth} levels.");
        }

        foreach (var element in container.ChildElements)
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (element)
            {
                case Paragraph paragraph:
                    var text = Text(paragraph);
                    if (HeadingLevel(paragraph, headingStyles) is { } level)
                    {
                        output.Heading(level, text);
                    }
                    else
                    {
                        output.Paragraph(paragraph.ParagraphProperties?.NumberingProperties is not null && text.Length > 0 ? $"- {text}" : text);
                    }

                    break;
                case Table table:
                    foreach (var row in table.Elements<TableRow>())
                    {
                        output.Paragraph(string.Join(" | ", row.Elements<TableCell>().Select(cell => CellText(cell, maxDepth, depth + 1))));
                    }

                    break;
                case SdtBlock or CustomXmlBlock:
                    Blocks(element.Descendants().FirstOrDefault(e => e is SdtContentBlock) ?? element, output, headingStyles, maxDepth, depth + 1, cancellationToken);
                    break;
            }
        }
    }

    private static string CellText(TableCell cell, int maxDepth, int depth)
    {
        if (depth > maxDepth)
        {
            throw new ExtractionFailure($"nesting too deep: the document nests tables more than {maxDepth} levels.");
        }

        return string.Join(" ", cell.ChildElements.Select(element => element switch
        {
            Paragraph paragraph => Text(paragraph),
            Table table => string.Join(" ; ", table.Elements<TableRow>().Select(row => string.Join(" | ", row.Elements<TableCell>().Select(inner => CellText(inner, maxDepth, depth + 1))))),
            _ => "",
        }).Where(text => text.Length > 0));
    }

    private static string Text(Paragraph paragraph)
    {
        var text = new StringBuilder();
        foreach (var element in paragraph.Descendants())
        {
            switch (element)
            {
                case Text run:
                    text.Append(run.Text);
                    break;
                case TabChar:
                    text.Append('\t');
                    break;
                case Break or CarriageReturn:
                    text.Append('\n');
                    break;
            }
        }

        return text.ToString().Trim();
    }

    private static int? HeadingLevel(Paragraph paragraph, Dictionary<string, int> headingStyles)
    {
        var properties = paragraph.ParagraphProperties;
        if (properties?.OutlineLevel?.Val?.Value is { } outline && outline < 9)
        {
            return outline + 1;
        }

        var style = properties?.ParagraphStyleId?.Val?.Value;
        return style is null ? null
            : headingStyles.TryGetValue(style, out var level) ? level
            : HeadingStyleId().Match(style) is { Success: true } match ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
            : null;
    }

    // Style ids are localised ("berschrift1"); the style's name ("heading 1") or outline level is not.
    private static Dictionary<string, int> HeadingStyles(Styles? styles)
    {
        var levels = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var style in styles?.Elements<Style>() ?? [])
        {
            if (style.StyleId?.Value is not { } id)
            {
                continue;
            }

            if (style.StyleParagraphProperties?.OutlineLevel?.Val?.Value is { } outline && outline < 9)
            {
                levels[id] = outline + 1;
            }
            else if (style.StyleName?.Val?.Value is { } name && HeadingStyleName().Match(name) is { Success: true } match)
            {
                levels[id] = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return levels;
    }

    [GeneratedRegex(@"^Heading([1-9])$", RegexOptions.IgnoreCase)]
    private static partial Regex HeadingStyleId();

    [GeneratedRegex(@"^heading ([1-9])$", RegexOptions.IgnoreCase)]
    private static partial Regex HeadingStyleName();
}
