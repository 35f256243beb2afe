using System.Text.RegularExpressions;

namespace Monolith.Modules.Search.Ingestion;

/// <summary>
/// Cuts a document into chunks that fit the embedding model's window, preferring paragraph, then
/// sentence, then word boundaries, with a token overlap between neighbours. Token counts come from
/// the model's own tokenizer (through a callback, so this stays a pure function to test).
/// </summary>
internal static partial class TextChunker
{
    /// <summary>A chunk as a range of the original text, so chunk text is never rewritten.</summary>
    public sealed record Piece(int Start, int Length, int Tokens, bool StartsParagraph);

    public static async Task<IReadOnlyList<Piece>> ChunkAsync(
        string text, int maxTokens, int overlapTokens, Func<IReadOnlyList<string>, Task<IReadOnlyList<int>>> countTokens)
    {
        var units = await CountAsync(text, Sentences(text).ToList(), countTokens);
        for (var level = 0; level < 2 && units.Any(unit => unit.Tokens > maxTokens); level++)
        {
            var finer = units.SelectMany(unit => unit.Tokens <= maxTokens ? [unit] : Split(text, unit, level)).ToList();
            units = await CountAsync(text, finer, countTokens);
        }

        return Pack(units, maxTokens, Math.Clamp(overlapTokens, 0, maxTokens / 2));
    }

    private static List<Piece> Pack(List<Piece> units, int maxTokens, int overlapTokens)
    {
        var chunks = new List<Piece>();
        var start = 0;
        while (start < units.Count)
        {
            var end = start;
            var tokens = 0;
            while (end < units.Count && (end == start || tokens + units[end].Tokens <= maxTokens))
            {
                // Close at a paragraph break once the chunk is half full: whole paragraphs read better.
                if (end > start && units[end].StartsParagraph && tokens >= maxTokens / 2)
                {
                    break;
                }

                tokens += units[end].Tokens;
                end++;
            }

            var first = units[start];
            var last = units[end - 1];
            chunks.Add(new Piece(first.Start, last.Start + last.Length - first.Start, tokens, first.StartsParagraph));
            if (end == units.Count)
            {
                break;
            }

            // The next chunk repeats the trailing units that fit the overlap, but always moves forward.
            var next = end;
            var overlap = 0;
            while (next - 1 > start && overlap + units[next - 1].Tokens <= overlapTokens && !units[next].StartsParagraph)
            {
                next--;
                overlap += units[next].Tokens;
            }

            start = next;
        }

        return chunks;
    }

    private static async Task<List<Piece>> CountAsync(string text, List<Piece> units, Func<IReadOnlyList<string>, Task<IReadOnlyList<int>>> countTokens)
    {
        var counts = await countTokens(units.Select(unit => text.Substring(unit.Start, unit.Length)).ToList());
        return units.Select((unit, i) => unit with { Tokens = counts[i] }).ToList();
    }

    private static IEnumerable<Piece> Sentences(string text)
    {
        foreach (Match paragraph in ParagraphPattern().Matches(text))
        {
            var first = true;
            foreach (Match sentence in SentencePattern().Matches(paragraph.Value))
            {
                yield return new Piece(paragraph.Index + sentence.Index, sentence.Length, 0, first);
                first = false;
            }
        }
    }

    // Level 0: an overlong sentence into words; level 1: an overlong word into fixed runs of characters.
    private static IEnumerable<Piece> Split(string text, Piece unit, int level)
    {
        var body = text.Substring(unit.Start, unit.Length);
        var parts = level == 0
            ? WordPattern().Matches(body).Select(match => (match.Index, match.Length))
            : Enumerable.Range(0, (body.Length + 63) / 64).Select(i => (i * 64, Math.Min(64, body.Length - (i * 64))));
        var first = unit.StartsParagraph;
        foreach (var (index, length) in parts)
        {
            yield return new Piece(unit.Start + index, length, 0, first);
            first = false;
        }
    }

    [GeneratedRegex(@"\S(?:.|\n(?!\s*\n))*", RegexOptions.CultureInvariant)]
    private static partial Regex ParagraphPattern();

    [GeneratedRegex(@"\S.*?(?:[.!?]+(?=\s|$)|$)", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex SentencePattern();

    [GeneratedRegex(@"\S+", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();
}
