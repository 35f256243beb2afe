using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Monolith.IntegrationTests.Files;
using Monolith.Modules.Search.Ingestion.Files;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Monolith.SearchBenchmarks.Files;

/// <summary>A document to write in every format: sections of a heading and paragraphs of real prose.</summary>
internal sealed record SampleDocument(string Name, IReadOnlyList<(string Heading, IReadOnlyList<string> Paragraphs)> Sections);

/// <summary>A file of one format and what it holds.</summary>
internal sealed record SampleFile(string Name, FileFormat Format, byte[] Content, int Sections);

/// <summary>
/// The same documents written as PDF, Word, PowerPoint, Excel, HTML, Markdown, CSV and plain text by the libraries
/// that write them (the integration tests' <see cref="TestFiles"/>, shared as source), so every format carries the
/// same prose: the paragraphs of this repository's docs and ADRs.
/// </summary>
internal static partial class SampleFiles
{
    public static readonly FileFormat[] Formats =
        [FileFormat.Pdf, FileFormat.Docx, FileFormat.Pptx, FileFormat.Xlsx, FileFormat.Html, FileFormat.Markdown, FileFormat.Csv, FileFormat.Text];

    /// <summary>
    /// Paragraphs and list items of prose (no tables, no code; 200 to 700 characters, so four fill at most a PDF page) from
    /// README.md and docs/, in a fixed order, spelt in ASCII (which the PDF's standard font can set).
    /// </summary>
    public static List<string> Paragraphs(string repoRoot) =>
        Directory.GetFiles(Path.Combine(repoRoot, "docs"), "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Prepend(Path.Combine(repoRoot, "README.md"))
            .SelectMany(path => ListItem().Split(File.ReadAllText(path).Replace("\n\n", "\n- ", StringComparison.Ordinal)))
            .Select(paragraph => Ascii(Whitespace().Replace(paragraph, " ").Replace("**", "", StringComparison.Ordinal).Trim()))
            .Where(paragraph => paragraph.Length is >= 200 and <= 700 && char.IsLetter(paragraph[0])
                && !paragraph.Contains('|', StringComparison.Ordinal) && !paragraph.Contains('`', StringComparison.Ordinal))
            .ToList();

    /// <summary><paramref name="count"/> documents of <paramref name="sections"/> sections of four paragraphs each, taken in turn.</summary>
    public static List<SampleDocument> Documents(List<string> paragraphs, int count, int sections, int offset = 0) =>
        Enumerable.Range(0, count).Select(d => new SampleDocument(
            $"doc-{offset + d:D3}",
            Enumerable.Range(0, sections).Select(s =>
            {
                var first = ((offset + d) * sections + s) * 4;
                return ($"{s + 1} Section {s + 1} of document {offset + d}", (IReadOnlyList<string>)Enumerable.Range(first, 4).Select(p => paragraphs[p % paragraphs.Count]).ToList());
            }).ToList())).ToList();

    public static SampleFile Write(SampleDocument document, FileFormat format)
    {
        var sections = document.Sections;
        var content = format switch
        {
            // A section a page: its heading, then its paragraphs wrapped to the page's width.
            FileFormat.Pdf => TestFiles.Pdf(sections.Select(section => (IReadOnlyList<TestFiles.PdfLine>)[
                new(section.Heading, 16), .. section.Paragraphs.SelectMany(Wrap).Select(line => new TestFiles.PdfLine(line))]).ToList()),
            FileFormat.Docx => TestFiles.Docx(sections.SelectMany(section => new object[] { ("Heading1", section.Heading) }.Concat(section.Paragraphs.Select(p => (object)("", p))))),
            FileFormat.Pptx => TestFiles.Pptx(sections.Select(section => (section.Heading, section.Paragraphs.ToArray(), (string?)null))),
            FileFormat.Xlsx => TestFiles.Xlsx(sections.Select(section => (Sheet(section.Heading),
                (object[][])[["Paragraph", "Text"], .. section.Paragraphs.Select((p, i) => new object[] { i + 1, p })]))),
            FileFormat.Html => Encoding.UTF8.GetBytes("<!DOCTYPE html><html><head><title>" + document.Name + "</title></head><body><main>"
                + string.Concat(sections.Select(section => $"<h2>{WebUtility.HtmlEncode(section.Heading)}</h2>" + string.Concat(section.Paragraphs.Select(p => $"<p>{WebUtility.HtmlEncode(p)}</p>"))))
                + "</main></body></html>"),
            FileFormat.Markdown => Encoding.UTF8.GetBytes(string.Concat(sections.Select(section => $"## {section.Heading}\n\n" + string.Concat(section.Paragraphs.Select(p => p + "\n\n"))))),
            FileFormat.Csv => Encoding.UTF8.GetBytes("section,paragraph,text\n" + string.Concat(sections.SelectMany(section =>
                section.Paragraphs.Select((p, i) => string.Create(CultureInfo.InvariantCulture, $"\"{section.Heading}\",{i + 1},\"{p.Replace("\"", "\"\"", StringComparison.Ordinal)}\"\n"))))),
            _ => Encoding.UTF8.GetBytes(string.Concat(sections.Select(section => section.Heading + "\n\n" + string.Concat(section.Paragraphs.Select(p => p + "\n\n"))))),
        };
        return new SampleFile($"{document.Name}.{Extension(format)}", format, content, sections.Count);
    }

    /// <summary>
    /// A PDF of <paramref name="pages"/> pages, each a photograph (JPEG data the extractor never decodes, as it never
    /// decodes a real one) and twenty lines of caption text: the shape of a large real PDF, whose bytes are mostly images.
    /// </summary>
    public static byte[] PhotoReport(int pages, int photoBytes)
    {
        using var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var random = new Random(7);
        for (var p = 1; p <= pages; p++)
        {
            var page = builder.AddPage(PageSize.A4);
            page.AddJpeg(Jpeg(1600, 1200, photoBytes, random), new PdfRectangle(60, 400, 540, 760));
            for (var line = 0; line < 20; line++)
            {
                page.AddText(string.Create(CultureInfo.InvariantCulture, $"Photo {p}, caption line {line}: the hive at the edge of meadow {p % 9} in the morning."), 11, new PdfPoint(60, 380 - (line * 16)), font);
            }
        }

        return builder.Build();
    }

    public static string Extension(FileFormat format) => format switch
    {
        FileFormat.Markdown => "md",
        FileFormat.Text => "txt",
        _ => format.Name(),
    };

    /// <summary>A baseline JPEG's markers (start of frame with its size, start of scan) around random entropy-coded bytes.</summary>
    private static byte[] Jpeg(int width, int height, int bytes, Random random)
    {
        var jpeg = new MemoryStream();
        jpeg.Write([0xFF, 0xD8, 0xFF, 0xC0, 0, 17, 8, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
        jpeg.Write([0xFF, 0xDA, 0, 12, 3, 1, 0, 2, 0x11, 3, 0x11, 0, 63, 0]);
        var data = new byte[bytes];
        random.NextBytes(data);
        data.AsSpan().Replace((byte)0xFF, (byte)0xFE); // no marker inside the scan
        jpeg.Write(data);
        jpeg.Write([0xFF, 0xD9]);
        return jpeg.ToArray();
    }

    private static string Ascii(string text)
    {
        var ascii = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            ascii.Append(c switch
            {
                '\u2014' or '\u2013' or '\u2212' => "-",
                '\u2018' or '\u2019' => "'",
                '\u201C' or '\u201D' => "\"",
                '\u00D7' => "x",
                '\u2265' => ">=",
                '\u2264' => "<=",
                '\u2192' or '\u203A' => ">",
                '\u2026' => "...",
                _ when char.IsAscii(c) => c.ToString(),
                _ => "",
            });
        }

        return ascii.ToString();
    }

    // Excel sheet names: at most 31 characters, none of []:*?/\.
    private static string Sheet(string heading) => heading.Length > 31 ? heading[..31] : heading;

    private static IEnumerable<string> Wrap(string paragraph)
    {
        var line = new StringBuilder();
        foreach (var word in paragraph.Split(' '))
        {
            if (line.Length + word.Length > 90)
            {
                yield return line.ToString();
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : "").Append(word);
        }

        if (line.Length > 0)
        {
            yield return line.ToString();
        }
    }

    [GeneratedRegex(@"\n\s*(?:[-*]|\d+\.) ")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
