using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Monolith.Modules.Search.Ingestion.Files;

/// <summary>
/// One section per worksheet, named after the sheet; each row one line with its cells joined by " | "
/// (empty cells kept, so columns line up), and the sheet's first row as the header repeated in every chunk.
/// </summary>
internal static class XlsxExtractor
{
    public static int? Extract(byte[] content, StructuredText output, FileLimits limits, CancellationToken cancellationToken)
    {
        var settings = OfficePackage.Check(content, limits);
        using var document = SpreadsheetDocument.Open(new MemoryStream(content, writable: false), false, settings);
        var workbook = document.WorkbookPart ?? throw new ExtractionFailure("corrupt: the Excel file has no workbook.");
        var shared = workbook.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(item => item.InnerText).ToArray() ?? [];
        var count = 0;
        foreach (var sheet in workbook.Workbook?.Sheets?.Elements<Sheet>() ?? [])
        {
            if (sheet.Id?.Value is not { } id || workbook.GetPartById(id) is not WorksheetPart part)
            {
                continue; // a chart sheet
            }

            count++;
            var name = sheet.Name?.Value ?? $"Sheet {count}";
            var rows = part.Worksheet?.Descendants<Row>() ?? [];
            var header = (string?)null;
            output.Location("sheet", name);
            foreach (var row in rows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var line = RowText(row, shared);
                if (line.Replace("|", "", StringComparison.Ordinal).Trim().Length == 0)
                {
                    continue;
                }

                if (header is null)
                {
                    header = line;
                    output.Section(name, header);
                }

                output.Paragraph(line);
            }
        }

        return count;
    }

    private static string RowText(Row row, string[] shared)
    {
        var cells = new List<string>();
        foreach (var cell in row.Elements<Cell>())
        {
            var column = Column(cell.CellReference?.Value);
            while (column is { } c && cells.Count < c && cells.Count < 1024)
            {
                cells.Add("");
            }

            cells.Add(Value(cell, shared));
        }

        return string.Join(" | ", cells).TrimEnd(' ', '|');
    }

    private static string Value(Cell cell, string[] shared)
    {
        var raw = cell.CellValue?.Text ?? "";
        return cell.DataType?.Value switch
        {
            var t when t == CellValues.SharedString => int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var index) && index >= 0 && index < shared.Length ? shared[index] : "",
            var t when t == CellValues.InlineString => cell.InlineString?.InnerText ?? "",
            var t when t == CellValues.Boolean => raw == "1" ? "TRUE" : "FALSE",
            _ => raw,
        };
    }

    // "C7" → 2 (zero-based column); null when the reference is missing or odd.
    private static int? Column(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }

        var column = 0;
        foreach (var c in reference.TakeWhile(char.IsLetter))
        {
            column = (column * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
        }

        return column == 0 ? null : column - 1;
    }
}
