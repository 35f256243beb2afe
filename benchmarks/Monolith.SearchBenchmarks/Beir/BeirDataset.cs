using System.IO.Compression;
using System.Text.Json;

namespace Monolith.SearchBenchmarks.Beir;

/// <summary>A BEIR dataset folder: <c>corpus.jsonl.gz</c>, <c>queries.jsonl</c> and <c>qrels/{split}.tsv</c> (CRLF line ends).</summary>
internal sealed class BeirDataset
{
    private BeirDataset(string path, IReadOnlyList<BeirDocument> corpus, IReadOnlyDictionary<string, string> queries)
    {
        Path = path;
        Corpus = corpus;
        Queries = queries;
    }

    public string Path { get; }

    public IReadOnlyList<BeirDocument> Corpus { get; }

    public IReadOnlyDictionary<string, string> Queries { get; }

    public static BeirDataset Load(string path)
    {
        var corpus = new List<BeirDocument>();
        using (var gzip = new GZipStream(File.OpenRead(System.IO.Path.Combine(path, "corpus.jsonl.gz")), CompressionMode.Decompress))
        using (var reader = new StreamReader(gzip))
        {
            while (reader.ReadLine() is { } line)
            {
                using var json = JsonDocument.Parse(line);
                corpus.Add(new BeirDocument(
                    json.RootElement.GetProperty("_id").GetString()!,
                    json.RootElement.GetProperty("title").GetString() ?? "",
                    json.RootElement.GetProperty("text").GetString() ?? ""));
            }
        }

        var queries = new Dictionary<string, string>();
        foreach (var line in File.ReadLines(System.IO.Path.Combine(path, "queries.jsonl")))
        {
            using var json = JsonDocument.Parse(line);
            queries[json.RootElement.GetProperty("_id").GetString()!] = json.RootElement.GetProperty("text").GetString()!;
        }

        return new BeirDataset(path, corpus, queries);
    }

    /// <summary>Judged queries of a split: query id → (document id → graded relevance). File.ReadLines copes with CRLF.</summary>
    public IReadOnlyDictionary<string, Dictionary<string, int>> Qrels(string split)
    {
        var qrels = new Dictionary<string, Dictionary<string, int>>();
        foreach (var line in File.ReadLines(System.IO.Path.Combine(Path, "qrels", split + ".tsv")).Skip(1))
        {
            var fields = line.Split('\t');
            if (fields.Length == 3 && int.TryParse(fields[2], out var grade) && grade > 0)
            {
                (qrels.TryGetValue(fields[0], out var judged) ? judged : qrels[fields[0]] = [])[fields[1]] = grade;
            }
        }

        return qrels;
    }
}

internal sealed record BeirDocument(string Id, string Title, string Text);
