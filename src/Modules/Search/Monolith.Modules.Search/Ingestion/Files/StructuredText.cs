using System.Text;
using System.Text.RegularExpressions;
using Monolith.Modules.Search.Data;

namespace Monolith.Modules.Search.Ingestion.Files;

/// <summary>
/// What an extractor writes into: headings, paragraphs and where pages, slides or sheets start. It keeps
/// the heading path, cuts the text into sections at headings, and stops a file whose text outgrows the limit.
/// Paragraphs are separated by a blank line, so the chunker sees them as paragraphs.
/// </summary>
internal sealed partial class StructuredText(int maxCharacters)
{
    public const string PathSeparator = " › ";

    private readonly StringBuilder _text = new();
    private readonly List<TextSection> _sections = [];
    private readonly List<TextLocation> _locations = [];
    private readonly List<(int Level, string Title)> _headings = [];
    private string? _header;
    private int _sectionStart;

    public void Location(string kind, string label) => _locations.Add(new TextLocation(_text.Length, kind, label));

    /// <summary>A heading of <paramref name="level"/> (1 = top) opens a section under the headings above it.</summary>
    public void Heading(int level, string title)
    {
        var text = Clean(title, singleLine: true);
        if (text.Length == 0)
        {
            return;
        }

        CloseSection();
        _headings.RemoveAll(heading => heading.Level >= level);
        _headings.Add((level, text));
        _header = null;
        Paragraph(text);
    }

    /// <summary>A section with a path of its own (a slide, a sheet); <paramref name="header"/> is repeated in each of its chunks.</summary>
    public void Section(string path, string? header = null)
    {
        CloseSection();
        _headings.Clear();
        var title = Clean(path, singleLine: true);
        if (title.Length > 0)
        {
            _headings.Add((1, title));
        }

        _header = header is null ? null : Clean(header, singleLine: true);
    }

    public void Paragraph(string paragraph)
    {
        var text = Clean(paragraph, singleLine: false);
        if (text.Length == 0)
        {
            return;
        }

        if (_text.Length > 0)
        {
            _text.Append("\n\n");
        }

        _text.Append(text);
        if (_text.Length > maxCharacters)
        {
            throw new ExtractionFailure($"too much text: the file holds more than {maxCharacters:N0} characters of text (Search:Files:MaxExtractedCharacters).");
        }
    }

    public (string Text, DocumentStructure Structure) Build()
    {
        CloseSection();
        return (_text.ToString(), new DocumentStructure(_sections.ToList(), _locations.ToList()));
    }

    private void CloseSection()
    {
        if (_text.Length > _sectionStart)
        {
            _sections.Add(new TextSection(_sectionStart, _text.Length - _sectionStart, string.Join(PathSeparator, _headings.Select(h => h.Title)), _header));
        }

        _sectionStart = _text.Length;
    }

    // Control characters go (they are never text); a paragraph keeps single line breaks but no blank lines,
    // which would split it; a heading or header is one line.
    private static string Clean(string text, bool singleLine)
    {
        var cleaned = ControlCharacters().Replace(text.Replace("\r\n", "\n", StringComparison.Ordinal), " ");
        cleaned = singleLine ? Whitespace().Replace(cleaned, " ") : BlankLines().Replace(SpacesAndTabs().Replace(cleaned, " "), "\n");
        return cleaned.Trim();
    }

    [GeneratedRegex(@"[\p{Cc}-[\n\t]]|[\uFFFE\uFFFF]")]
    private static partial Regex ControlCharacters();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"[ \t\u00A0]+")]
    private static partial Regex SpacesAndTabs();

    [GeneratedRegex(@" ?\n[\s]*")]
    private static partial Regex BlankLines();
}
