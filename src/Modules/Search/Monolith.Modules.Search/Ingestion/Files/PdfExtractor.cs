using System.Text;
using System.Text.RegularExpressions;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.PageSegmenter;
using UglyToad.PdfPig.DocumentLayoutAnalysis.ReadingOrderDetector;
using UglyToad.PdfPig.Exceptions;

namespace Monolith.Modules.Search.Ingestion.Files;

/// <summary>
/// The text layer of a PDF, page by page: words grouped into blocks (Docstrum) in reading order, lines of a
/// block joined (a hyphen at a line end before a lower-case letter is joined away), lines set in a clearly
/// larger font taken as headings (larger font, higher level), and blocks that open or close most pages
/// alike (page headers and footers, numbers ignored) dropped. No text on any page means a scan.
/// </summary>
internal static partial class PdfExtractor
{
    public const string ScannedReason = "scanned: no text layer; OCR is not supported.";

    private const double HeadingScale = 1.15;
    private const int MaxHeadingCharacters = 150;

    // A running header or footer is a line or two ("Annual report 2026", "Page 3 of 10"); a page-long block that
    // differs from page to page only in its numbers (a table of figures per page) is content.
    private const int MaxEdgeLines = 2;
    private const int MaxEdgeCharacters = 200;

    private sealed record Line(string Text, double FontSize);

    private sealed record Block(string Text, IReadOnlyList<Line> Lines);

    public static int Extract(byte[] content, StructuredText output, CancellationToken cancellationToken)
    {
        try
        {
            return Read(content, output, cancellationToken);
        }
        catch (PdfDocumentEncryptedException)
        {
            throw new ExtractionFailure("encrypted: the PDF is password-protected; remove the password and upload it again.");
        }
    }

    private static int Read(byte[] content, StructuredText output, CancellationToken cancellationToken)
    {
        using (var pdf = PdfDocument.Open(content, new ParsingOptions { SkipMissingFonts = true }))
        {
            if (pdf.NumberOfPages == 0)
            {
                throw new ExtractionFailure("corrupt or truncated: the PDF has no pages.");
            }

            var pages = new List<List<Block>>(pdf.NumberOfPages);
            foreach (var page in pdf.GetPages())
            {
                cancellationToken.ThrowIfCancellationRequested();
                pages.Add(Blocks(page));
            }

            if (pages.All(page => page.Count == 0))
            {
                throw new ExtractionFailure(ScannedReason);
            }

            Write(pages, output);
            return pdf.NumberOfPages;
        }
    }

    private static List<Block> Blocks(UglyToad.PdfPig.Content.Page page)
    {
        var words = page.GetWords().Where(word => !string.IsNullOrWhiteSpace(word.Text)).ToList();
        if (words.Count == 0)
        {
            return [];
        }

        var blocks = UnsupervisedReadingOrderDetector.Instance.Get(DocstrumBoundingBoxes.Instance.GetBlocks(words));
        return blocks.OrderBy(block => block.ReadingOrder).Select(block =>
        {
            var lines = block.TextLines
                .Select(line => new Line(line.Text.Trim(), line.Words.SelectMany(word => word.Letters).Select(letter => letter.PointSize).DefaultIfEmpty(0).Average()))
                .Where(line => line.Text.Length > 0).ToList();
            return new Block(string.Join(" ", lines.Select(line => line.Text)), lines);
        }).Where(block => block.Lines.Count > 0).ToList();
    }

    // "exam-" + "ple" → "example"; "Jean-" + "Paul" keeps its hyphen; other lines join with a space.
    private static void Join(StringBuilder text, string line)
    {
        var trimmed = line.Trim();
        if (text.Length == 0)
        {
            text.Append(trimmed);
        }
        else if (text.Length > 1 && text[^1] == '-' && char.IsLetter(text[^2]) && trimmed.Length > 0 && char.IsLower(trimmed[0]))
        {
            text.Length--;
            text.Append(trimmed);
        }
        else
        {
            text.Append(' ').Append(trimmed);
        }
    }

    private static void Write(List<List<Block>> pages, StructuredText output)
    {
        var repeated = RepeatedEdges(pages);
        var lines = pages.SelectMany(page => page).SelectMany(block => block.Lines).ToList();
        var body = BodyFontSize(lines);
        var headingSizes = lines.Where(line => IsHeading(line, body)).Select(line => Math.Round(line.FontSize, 1)).Distinct().OrderDescending().ToList();

        foreach (var (index, blocks) in pages.Index())
        {
            output.Location("page", (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            foreach (var (position, block) in blocks.Index())
            {
                var edge = position == 0 ? "top" : position == blocks.Count - 1 ? "bottom" : null;
                if (edge is not null && IsEdgeSized(block) && repeated.Contains((edge, EdgeKey(block.Text))))
                {
                    continue;
                }

                // A block may open with its heading (set close above its text): headings are told line by line.
                var paragraph = new StringBuilder();
                foreach (var line in block.Lines)
                {
                    if (IsHeading(line, body))
                    {
                        output.Paragraph(paragraph.ToString());
                        paragraph.Clear();
                        output.Heading(Math.Min(headingSizes.IndexOf(Math.Round(line.FontSize, 1)) + 1, 6), line.Text);
                    }
                    else
                    {
                        Join(paragraph, line.Text);
                    }
                }

                output.Paragraph(paragraph.ToString());
            }
        }
    }

    private static bool IsHeading(Line line, double bodyFontSize) =>
        bodyFontSize > 0 && line.FontSize >= bodyFontSize * HeadingScale && line.Text.Length <= MaxHeadingCharacters
        && !line.Text.EndsWith('.');

    // The font size most of the text is set in.
    private static double BodyFontSize(List<Line> lines) =>
        lines.GroupBy(line => Math.Round(line.FontSize, 1))
            .OrderByDescending(group => group.Sum(line => line.Text.Length))
            .Select(group => group.Key)
            .FirstOrDefault();

    // A short first or last block seen alike on at least half the pages (and three) is a running header or footer.
    private static HashSet<(string Edge, string Key)> RepeatedEdges(List<List<Block>> pages)
    {
        var threshold = Math.Max(3, (pages.Count + 1) / 2);
        var edges = pages.Where(page => page.Count > 1)
            .SelectMany(page => new[] { ("top", page[0]), ("bottom", page[^1]) })
            .Where(edge => IsEdgeSized(edge.Item2))
            .Select(edge => (edge.Item1, EdgeKey(edge.Item2.Text)));
        return edges.GroupBy(edge => edge).Where(group => group.Count() >= threshold).Select(group => group.Key).ToHashSet();
    }

    private static bool IsEdgeSized(Block block) => block.Lines.Count <= MaxEdgeLines && block.Text.Length <= MaxEdgeCharacters;

    private static string EdgeKey(string text) => Digits().Replace(text.Trim(), "#");

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();
}
