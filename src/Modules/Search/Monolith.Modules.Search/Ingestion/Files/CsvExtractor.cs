using System.Text;

namespace Monolith.Modules.Search.Ingestion.Files;

/// <summary>
/// CSV (RFC 4180: quoted fields may hold separators, quotes and line breaks; the separator is a comma,
/// semicolon or tab, whichever the first line holds most of): one line per record with its fields joined
/// by " | ", the first record as the header repeated in every chunk.
/// </summary>
internal static class CsvExtractor
{
    private static readonly char[] Separators = [',', ';', '\t'];

    public static int? Extract(byte[] content, StructuredText output, CancellationToken cancellationToken)
    {
        var text = TextDecoding.Decode(content);
        var separator = Separator(text);
        string? header = null;
        foreach (var record in Records(text, separator))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var line = string.Join(" | ", record.Select(field => field.Trim()));
            if (line.Replace("|", "", StringComparison.Ordinal).Trim().Length == 0)
            {
                continue;
            }

            if (header is null)
            {
                header = line;
                output.Section("", header);
            }

            output.Paragraph(line);
        }

        return null;
    }

    private static char Separator(string text)
    {
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        var firstLine = end >= 0 ? text[..end] : text;
        return Separators.OrderByDescending(candidate => firstLine.Count(c => c == candidate)).First();
    }

    private static IEnumerable<List<string>> Records(string text, char separator)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == separator)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                fields.Add(field.ToString());
                field.Clear();
                yield return fields;
                fields = [];
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return fields;
        }
    }
}
