using Monolith.Modules.Search.Data;

namespace Monolith.Modules.Search.Ingestion;

/// <summary>
/// Chunks a document section by section, so no chunk crosses a heading (or a slide or sheet), and labels
/// each chunk with its section's heading path and the page (slide, sheet) it starts on. A section's table
/// header is repeated at the top of each of its chunks that does not already start with it, so every
/// chunk of a sheet or CSV still says what its columns are. A document without structure is one section.
/// With a <c>title</c>, the document's title heads the text embedded for each chunk that does not already start with
/// it (a chunk header, ADR 0057); the chunk's own text stays a slice of the document, and its room shrinks by the title.
/// </summary>
internal static class SectionChunker
{
    /// <summary>A chunk: its text (stored, shown, BM25-indexed), its tokens, labels, and the text its embedding is computed from.</summary>
    public sealed record Piece(string Text, int Tokens, IReadOnlyDictionary<string, string> Labels, string Embedded);

    public static async Task<IReadOnlyList<Piece>> ChunkAsync(
        string text, DocumentStructure? structure, int maxTokens, int overlapTokens, Func<IReadOnlyList<string>, Task<IReadOnlyList<int>>> countTokens,
        string? title = null)
    {
        var titleTokens = string.IsNullOrWhiteSpace(title) ? 0 : (await countTokens([title]))[0];
        if (titleTokens == 0 || titleTokens > maxTokens / 4)
        {
            title = null; // a title this long would crowd out the text it heads
            titleTokens = 0;
        }

        maxTokens -= titleTokens;
        var sections = structure is { Sections.Count: > 0 } ? structure.Sections : [new TextSection(0, text.Length, "")];
        var locations = structure?.Locations ?? [];
        var pieces = new List<Piece>();
        foreach (var section in sections)
        {
            var body = text.Substring(section.Start, section.Length);
            if (string.IsNullOrWhiteSpace(body))
            {
                continue;
            }

            var header = section.Header;
            var headerTokens = header is null ? 0 : (await countTokens([header]))[0] + 1;
            if (headerTokens > maxTokens / 2)
            {
                header = null; // a header row this long would crowd out the rows it explains
                headerTokens = 0;
            }

            foreach (var range in await TextChunker.ChunkAsync(body, maxTokens - headerTokens, overlapTokens, countTokens))
            {
                var chunk = body.Substring(range.Start, range.Length);
                var repeatHeader = header is not null && !chunk.StartsWith(header, StringComparison.Ordinal);
                var piece = repeatHeader ? $"{header}\n{chunk}" : chunk;
                var headed = title is not null && !piece.StartsWith(title, StringComparison.Ordinal);
                pieces.Add(new Piece(
                    piece,
                    range.Tokens + (repeatHeader ? headerTokens : 0),
                    Labels(section, locations, section.Start + range.Start),
                    headed ? $"{title}\n{piece}" : piece));
            }
        }

        return pieces;
    }

    private static Dictionary<string, string> Labels(TextSection section, IReadOnlyList<TextLocation> locations, int start)
    {
        var labels = new Dictionary<string, string>();
        if (section.Path.Length > 0)
        {
            labels["section"] = section.Path;
        }

        if (locations.LastOrDefault(location => location.Start <= start) is { } location)
        {
            labels[location.Kind] = location.Label;
        }

        return labels;
    }
}
