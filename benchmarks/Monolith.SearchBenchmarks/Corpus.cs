using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Monolith.SearchBenchmarks;

/// <summary>A text with where it came from: <c>repo</c>, <c>dotnet-docs</c> or <c>generated</c>.</summary>
internal sealed record CorpusText(string Text, string Title, string Source);

/// <summary>A document of the bulk: consecutive texts of one source under one title.</summary>
internal sealed record BulkDocument(string Title, string Source, IReadOnlyList<string> Chunks);

/// <summary>
/// Real text for the benchmark, in this order of preference: paragraphs of the repository's own tracked Markdown and
/// C# files; the API documentation that ships with the .NET SDK (the reference packs' XML doc comments: English
/// prose about .NET types); and, only if those run out, English-like sentences from a word-trigram model of both.
/// Every text is used once (the host caches embeddings by text, and duplicates would make search unrealistically easy).
/// </summary>
internal sealed partial class Corpus
{
    private const int MinParagraph = 300;
    private const int MaxParagraph = 800;

    private readonly HashSet<string> _used = new(StringComparer.Ordinal);
    private readonly List<CorpusText> _repo;
    private readonly List<(string Type, List<string> Members)> _dotnetTypes;
    private readonly Random _random = new(20261125);
    private TrigramModel? _model;

    private Corpus(List<CorpusText> repo, List<(string Type, List<string> Members)> dotnetTypes)
    {
        _repo = repo;
        _dotnetTypes = dotnetTypes;
    }

    public int RepoParagraphs => _repo.Count;

    public int DotnetTypes => _dotnetTypes.Count;

    public int DotnetMemberTexts => _dotnetTypes.Sum(type => type.Members.Count);

    public static Corpus Load(string repoRoot)
    {
        var repo = RepoFiles(repoRoot).SelectMany(path => Paragraphs(File.ReadAllText(Path.Combine(repoRoot, path)))
            .Select(text => new CorpusText(text, path, "repo"))).ToList();
        return new Corpus(repo, DotnetDocs());
    }

    /// <summary>
    /// Paragraphs of 300-800 characters for ingestion: the repository's first, then .NET type documentation
    /// (a type's summary and its members' summaries) to make up the count.
    /// </summary>
    public List<CorpusText> IngestionDocuments(int count)
    {
        var documents = new List<CorpusText>(count);
        foreach (var paragraph in _repo.Where(p => _used.Add(p.Text)).Take(count))
        {
            documents.Add(paragraph);
        }

        while (documents.Count < count && _dotnetTypes.Count > 0)
        {
            var (type, members) = _dotnetTypes[^1];
            _dotnetTypes.RemoveAt(_dotnetTypes.Count - 1); // the bulk does not reuse these types
            var paragraph = new StringBuilder();
            foreach (var member in members)
            {
                if (paragraph.Length + member.Length + 1 > MaxParagraph)
                {
                    Add(paragraph, type);
                }

                paragraph.Append(paragraph.Length > 0 ? " " : "").Append(member);
                if (paragraph.Length >= MinParagraph)
                {
                    Add(paragraph, type);
                }
            }
        }

        return documents;

        void Add(StringBuilder paragraph, string type)
        {
            var text = paragraph.ToString();
            paragraph.Clear();
            if (text.Length >= MinParagraph / 2 && documents.Count < count && _used.Add(text))
            {
                documents.Add(new CorpusText(text, type, "dotnet-docs"));
            }
        }
    }

    /// <summary>
    /// Short chunks for the bulk (one member's documentation each, at most <paramref name="maxCharacters"/>), eight
    /// to a document per .NET type, then generated sentences without end.
    /// </summary>
    public IEnumerable<BulkDocument> BulkDocuments(int maxCharacters)
    {
        foreach (var (type, members) in _dotnetTypes)
        {
            var texts = members.Select(member => Truncate(member, maxCharacters)).Where(text => text.Length >= 30 && _used.Add(text)).ToList();
            foreach (var group in texts.Chunk(8))
            {
                yield return new BulkDocument(type, "dotnet-docs", group);
            }
        }

        _model ??= new TrigramModel(Sentences());
        for (var document = 0; ; document++)
        {
            var texts = new List<string>(8);
            while (texts.Count < 8)
            {
                var text = Truncate(_model.Sentence(_random) + " " + _model.Sentence(_random), maxCharacters);
                if (text.Length >= 30 && _used.Add(text))
                {
                    texts.Add(text);
                }
            }

            yield return new BulkDocument($"generated {document}", "generated", texts);
        }
    }

    /// <summary>
    /// Search queries as people type them: a set of written questions, then phrases of 4-10 words cut from real
    /// sentences of the corpus at random (about its topics, rarely a chunk's exact wording). All distinct.
    /// </summary>
    public List<string> Queries(int count)
    {
        var queries = new List<string>(count);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var question in Questions.All)
        {
            if (queries.Count < count && seen.Add(question))
            {
                queries.Add(question);
            }
        }

        var sentences = Sentences().Select(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(words => words.Length >= 6).ToList();
        while (queries.Count < count)
        {
            var words = sentences[_random.Next(sentences.Count)];
            var length = Math.Min(words.Length, _random.Next(4, 11));
            var start = _random.Next(words.Length - length + 1);
            var phrase = string.Join(' ', words[start..(start + length)]).Trim('.', ',', ';', ':', '(', ')', '"', '\'', '`');
            if (phrase.Length >= 15 && seen.Add(phrase))
            {
                queries.Add(phrase);
            }
        }

        // Spread the written questions over all runs instead of giving them all to the first.
        return [.. queries.OrderBy(_ => _random.Next())];
    }

    private IEnumerable<string> Sentences() =>
        _repo.Where(p => p.Title.EndsWith(".md", StringComparison.Ordinal)).Select(p => p.Text)
            .Concat(_dotnetTypes.SelectMany(type => type.Members))
            .SelectMany(text => SentencePattern().Matches(text).Select(match => match.Value.Trim()))
            .Where(sentence => sentence.Length >= 20);

    private static string Truncate(string text, int maxCharacters)
    {
        if (text.Length <= maxCharacters)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', maxCharacters);
        return text[..(cut > maxCharacters / 2 ? cut : maxCharacters)];
    }

    /// <summary>Tracked Markdown and C# files, without generated code (migrations, tables).</summary>
    private static IEnumerable<string> RepoFiles(string repoRoot)
    {
        var git = new ProcessStartInfo("git") { WorkingDirectory = repoRoot, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "ls-files", "--", "*.md", "*.cs" })
        {
            git.ArgumentList.Add(argument);
        }

        using var process = Process.Start(git)!;
        var files = process.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        process.WaitForExit();
        return files
            .Where(path => !path.Contains("/Migrations/", StringComparison.Ordinal) && !path.EndsWith(".g.cs", StringComparison.Ordinal))
            .Where(path => File.Exists(Path.Combine(repoRoot, path)))
            .Order(StringComparer.Ordinal);
    }

    /// <summary>Blank-line separated blocks, long ones cut at lines, merged within the file to 300-800 characters.</summary>
    private static IEnumerable<string> Paragraphs(string file)
    {
        var pieces = new List<string>();
        foreach (var block in BlankLines().Split(file.Replace("\r\n", "\n", StringComparison.Ordinal)))
        {
            var current = new StringBuilder();
            foreach (var line in block.Trim().Split('\n'))
            {
                if (current.Length > 0 && current.Length + line.Length + 1 > MaxParagraph)
                {
                    pieces.Add(current.ToString());
                    current.Clear();
                }

                current.Append(current.Length > 0 ? "\n" : "").Append(line.Length > MaxParagraph ? line[..MaxParagraph] : line);
            }

            if (current.Length > 0)
            {
                pieces.Add(current.ToString());
            }
        }

        var paragraph = new StringBuilder();
        foreach (var piece in pieces)
        {
            if (paragraph.Length > 0 && paragraph.Length + piece.Length + 1 > MaxParagraph)
            {
                foreach (var done in Emit())
                {
                    yield return done;
                }
            }

            // One newline, not a blank line: the document stays one paragraph for the chunker.
            paragraph.Append(paragraph.Length > 0 ? "\n" : "").Append(piece);
            if (paragraph.Length >= MinParagraph)
            {
                foreach (var done in Emit())
                {
                    yield return done;
                }
            }
        }

        foreach (var done in Emit())
        {
            yield return done;
        }

        IEnumerable<string> Emit()
        {
            var text = paragraph.ToString().Trim();
            paragraph.Clear();

            // Mostly words: not a table of numbers or a wall of braces.
            if (text.Length >= MinParagraph / 2 && text.Count(char.IsLetter) >= text.Length * 0.4)
            {
                yield return text;
            }
        }
    }

    /// <summary>Per documented type of the SDK's reference packs: its members' documentation as plain text, in file order.</summary>
    private static List<(string Type, List<string> Members)> DotnetDocs()
    {
        var packs = Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", "..", "packs");
        if (!Directory.Exists(packs))
        {
            return [];
        }

        var types = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var files = Directory.EnumerateFiles(packs, "*.xml", SearchOption.AllDirectories)
            .Where(path => path.Contains($"{Path.DirectorySeparatorChar}ref{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            XDocument xml;
            try
            {
                xml = XDocument.Load(file);
            }
            catch (System.Xml.XmlException)
            {
                continue;
            }

            foreach (var member in xml.Descendants("member"))
            {
                var name = (string?)member.Attribute("name") ?? "";
                var text = Whitespace().Replace(string.Join(' ', member.Elements().Where(e => e.Name.LocalName is "summary" or "returns" or "remarks" or "value")
                    .Select(Render)), " ").Trim();
                if (text.Length < 30 || !seen.Add(text))
                {
                    continue;
                }

                var type = TypeOf(name);
                if (!types.TryGetValue(type, out var members))
                {
                    types[type] = members = [];
                }

                members.Add(text);
            }
        }

        return [.. types.Select(pair => (pair.Key, pair.Value))];
    }

    private static string TypeOf(string memberName)
    {
        if (memberName.Length < 2)
        {
            return "";
        }

        var name = memberName[2..];
        var parameters = name.IndexOf('(', StringComparison.Ordinal);
        name = parameters >= 0 ? name[..parameters] : name;
        if (memberName.StartsWith("T:", StringComparison.Ordinal))
        {
            return name;
        }

        var dot = name.LastIndexOf('.');
        return dot > 0 ? name[..dot] : name;
    }

    /// <summary>Doc-comment XML as a reader sees it: cref'd names shortened, langwords and parameter names inline.</summary>
    private static string Render(XNode node) => node switch
    {
        XText text => text.Value,
        XElement { Name.LocalName: "see" or "seealso" } see =>
            (string?)see.Attribute("langword") ?? ShortName((string?)see.Attribute("cref") ?? (string?)see.Attribute("href") ?? see.Value),
        XElement { Name.LocalName: "paramref" or "typeparamref" } reference => (string?)reference.Attribute("name") ?? "",
        XElement element => string.Concat(element.Nodes().Select(Render)) + " ",
        _ => "",
    };

    private static string ShortName(string cref)
    {
        var name = cref.Length > 2 && cref[1] == ':' ? cref[2..] : cref;
        var parameters = name.IndexOf('(', StringComparison.Ordinal);
        name = parameters >= 0 ? name[..parameters] : name;
        name = name.Replace("#ctor", "constructor", StringComparison.Ordinal);
        var dot = name.LastIndexOf('.');
        return (dot >= 0 ? name[(dot + 1)..] : name).Split('`')[0];
    }

    [GeneratedRegex(@"\n[ \t]*\n\s*", RegexOptions.CultureInvariant)]
    private static partial Regex BlankLines();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"[^.!?\n]+[.!?]", RegexOptions.CultureInvariant)]
    private static partial Regex SentencePattern();

    /// <summary>English-like sentences: each word follows the two before it as often as it does in the real text.</summary>
    private sealed class TrigramModel
    {
        private const string End = "\u0003";

        private readonly Dictionary<(string, string), List<string>> _next = [];
        private readonly List<(string, string)> _starts = [];

        public TrigramModel(IEnumerable<string> sentences)
        {
            foreach (var sentence in sentences)
            {
                var words = sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (words.Length < 4)
                {
                    continue;
                }

                _starts.Add((words[0], words[1]));
                for (var i = 2; i <= words.Length; i++)
                {
                    var key = (words[i - 2], words[i - 1]);
                    if (!_next.TryGetValue(key, out var followers))
                    {
                        _next[key] = followers = [];
                    }

                    followers.Add(i < words.Length ? words[i] : End);
                }
            }
        }

        public string Sentence(Random random)
        {
            var (first, second) = _starts[random.Next(_starts.Count)];
            var words = new List<string> { first, second };
            while (words.Count < 40 && _next.TryGetValue((words[^2], words[^1]), out var followers))
            {
                var word = followers[random.Next(followers.Count)];
                if (word == End)
                {
                    break;
                }

                words.Add(word);
            }

            return string.Join(' ', words);
        }
    }
}
