using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;
using A = DocumentFormat.OpenXml.Drawing;
using P = DocumentFormat.OpenXml.Presentation;
using S = DocumentFormat.OpenXml.Spreadsheet;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Monolith.IntegrationTests.Files;

/// <summary>Real files, written by the libraries that write them (PdfPig, the Open XML SDK), for the upload tests.</summary>
public static class TestFiles
{
    /// <summary>A line of a PDF page: its text and font size (body text is 11 pt).</summary>
    public sealed record PdfLine(string Text, double Size = 11);

    /// <summary>
    /// A PDF whose pages hold the given lines top to bottom, each page with a running header
    /// ("<paramref name="header"/>") and footer ("Page n of N") when those are given; then, when
    /// <paramref name="scatteredWords"/> is not 0, a page of that many tiny words strewn over it, as a map's or a
    /// scatter plot's labels are: small, and slow to read, because layout analysis (grouping words into lines and
    /// blocks) takes seconds on a thousand of them.
    /// </summary>
    public static byte[] Pdf(IReadOnlyList<IReadOnlyList<PdfLine>> pages, string? header = null, bool footer = false, int scatteredWords = 0)
    {
        using var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        foreach (var (index, lines) in pages.Index())
        {
            var page = builder.AddPage(PageSize.A4);
            if (header is not null)
            {
                page.AddText(header, 9, new PdfPoint(60, 800), font);
            }

            var y = 760.0;
            foreach (var line in lines)
            {
                y -= line.Size > 11 ? 10 : 0; // space above a heading, as a typesetter leaves
                page.AddText(line.Text, line.Size, new PdfPoint(60, y), font);
                y -= line.Size * 1.4;
            }

            if (footer)
            {
                page.AddText($"Page {index + 1} of {pages.Count}", 9, new PdfPoint(280, 40), font);
            }
        }

        if (scatteredWords > 0)
        {
            var page = builder.AddPage(PageSize.A4);
            var random = new Random(scatteredWords);
            for (var i = 0; i < scatteredWords; i++)
            {
                page.AddText($"w{i}", 2, new PdfPoint(random.NextDouble() * 580, random.NextDouble() * 820), font);
            }
        }

        return builder.Build();
    }

    /// <summary>A one-page PDF of <paramref name="words"/> tiny words strewn over the page (see <see cref="Pdf"/>'s scatteredWords).</summary>
    public static byte[] PdfOfScatteredWords(int words) => Pdf([], scatteredWords: words);

    /// <summary>A PDF of pages with drawings but no text at all, as a scan without OCR looks to a text extractor.</summary>
    public static byte[] PdfWithoutText(int pages)
    {
        using var builder = new PdfDocumentBuilder();
        for (var i = 0; i < pages; i++)
        {
            var page = builder.AddPage(PageSize.A4);
            page.DrawRectangle(new PdfPoint(50, 50), 400, 600, 2, fill: true);
        }

        return builder.Build();
    }

    /// <summary>A Word document from (style, text) paragraphs: "Heading1".."Heading9", "List" for a list item, "" for body text; and tables.</summary>
    public static byte[] Docx(IEnumerable<object> blocks)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var body = new W.Body();
            foreach (var block in blocks)
            {
                body.Append(block switch
                {
                    (string style, string text) => Paragraph(style, text),
                    string[][] rows => new W.Table(rows.Select(row => new W.TableRow(row.Select(cell => new W.TableCell(Paragraph("", cell)))))),
                    _ => throw new ArgumentException($"Unknown block {block}"),
                });
            }

            document.AddMainDocumentPart().Document = new W.Document(body);
        }

        return stream.ToArray();

        static W.Paragraph Paragraph(string style, string text)
        {
            var properties = new W.ParagraphProperties();
            if (style == "List")
            {
                properties.Append(new W.NumberingProperties(new W.NumberingLevelReference { Val = 0 }, new W.NumberingId { Val = 1 }));
            }
            else if (style.Length > 0)
            {
                properties.Append(new W.ParagraphStyleId { Val = style });
            }

            return new W.Paragraph(properties, new W.Run(new W.Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        }
    }

    /// <summary>A presentation: per slide a title, body lines and speaker notes.</summary>
    public static byte[] Pptx(IEnumerable<(string Title, string[] Body, string? Notes)> slides)
    {
        using var stream = new MemoryStream();
        using (var document = PresentationDocument.Create(stream, PresentationDocumentType.Presentation))
        {
            var presentation = document.AddPresentationPart();
            var slideIds = new P.SlideIdList();
            uint id = 256;
            foreach (var (index, slide) in slides.Index())
            {
                var part = presentation.AddNewPart<SlidePart>($"rId{index + 10}");
                part.Slide = new P.Slide(new P.CommonSlideData(new P.ShapeTree(
                    Shape(1, P.PlaceholderValues.Title, [slide.Title]),
                    Shape(2, null, slide.Body))));
                if (slide.Notes is not null)
                {
                    part.AddNewPart<NotesSlidePart>().NotesSlide = new P.NotesSlide(new P.CommonSlideData(new P.ShapeTree(
                        Shape(1, P.PlaceholderValues.SlideImage, []),
                        Shape(2, P.PlaceholderValues.Body, [slide.Notes]))));
                }

                slideIds.Append(new P.SlideId { Id = id++, RelationshipId = $"rId{index + 10}" });
            }

            presentation.Presentation = new P.Presentation(slideIds);
        }

        return stream.ToArray();

        static P.Shape Shape(uint id, P.PlaceholderValues? placeholder, string[] lines)
        {
            var application = new P.ApplicationNonVisualDrawingProperties();
            if (placeholder is { } type)
            {
                application.Append(new P.PlaceholderShape { Type = type });
            }

            return new P.Shape(
                new P.NonVisualShapeProperties(new P.NonVisualDrawingProperties { Id = id, Name = $"shape {id}" }, new P.NonVisualShapeDrawingProperties(), application),
                new P.ShapeProperties(),
                new P.TextBody(new OpenXmlElement[] { new A.BodyProperties(), new A.ListStyle() }.Concat(lines.Select(line => new A.Paragraph(new A.Run(new A.Text(line)))))));
        }
    }

    /// <summary>A workbook of sheets, each a list of rows (strings as inline strings, numbers as numbers).</summary>
    public static byte[] Xlsx(IEnumerable<(string Name, object[][] Rows)> sheets)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            var list = new S.Sheets();
            uint sheetId = 1;
            foreach (var (name, rows) in sheets)
            {
                var part = workbook.AddNewPart<WorksheetPart>();
                part.Worksheet = new S.Worksheet(new S.SheetData(rows.Select((row, r) => new S.Row(row.Select((value, c) => Cell(value, $"{(char)('A' + c)}{r + 1}"))) { RowIndex = (uint)(r + 1) })));
                list.Append(new S.Sheet { Name = name, SheetId = sheetId++, Id = workbook.GetIdOfPart(part) });
            }

            workbook.Workbook = new S.Workbook(list);
        }

        return stream.ToArray();

        static S.Cell Cell(object value, string reference) => value is string text
            ? new S.Cell { CellReference = reference, DataType = S.CellValues.InlineString, InlineString = new S.InlineString(new S.Text(text)) }
            : new S.Cell { CellReference = reference, CellValue = new S.CellValue(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!) };
    }

    /// <summary>
    /// A "Word document" whose one XML part expands to <paramref name="expandedBytes"/> of spaces from a few hundred
    /// KiB: a zip bomb by ratio.
    /// </summary>
    public static byte[] ZipBomb(long expandedBytes)
    {
        using var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var types = new StreamWriter(archive.CreateEntry("[Content_Types].xml").Open()))
            {
                types.Write("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
            }

            using var entry = archive.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open();
            var block = Encoding.ASCII.GetBytes(new string(' ', 1024 * 1024));
            for (long written = 0; written < expandedBytes; written += block.Length)
            {
                entry.Write(block);
            }
        }

        return stream.ToArray();
    }

    /// <summary>
    /// How an encrypted Word, Excel or PowerPoint file begins: a compound file (OLE) holding the "EncryptedPackage"
    /// stream instead of the ZIP package. Only the parts the platform looks at are real.
    /// </summary>
    public static byte[] EncryptedOfficeFile()
    {
        var bytes = new byte[4096];
        byte[] signature = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        signature.CopyTo(bytes, 0);
        Encoding.Unicode.GetBytes("EncryptionInfo").CopyTo(bytes, 1024);
        Encoding.Unicode.GetBytes("EncryptedPackage").CopyTo(bytes, 1152);
        return bytes;
    }

    /// <summary>A PDF with a standard security handler whose password is not empty: no reader opens it without the password.</summary>
    public static byte[] EncryptedPdf()
    {
        var o = new string('A', 64);
        var u = new string('B', 64);
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
            $"<< /Filter /Standard /V 1 /R 2 /O <{o}> /U <{u}> /P -44 >>",
        };
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        foreach (var (index, body) in objects.Index())
        {
            offsets.Add(pdf.Length);
            pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"{index + 1} 0 obj\n{body}\nendobj\n");
        }

        var xref = pdf.Length;
        pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        pdf.Append(System.Globalization.CultureInfo.InvariantCulture,
            $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R /Encrypt 4 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>] >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    /// <summary>A minimal PNG (1×1): an image, not a document.</summary>
    public static byte[] Png() => Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
}
