namespace Monolith.Modules.Search.Evaluation;

/// <summary>
/// The retrieval metrics of trec_eval / BEIR over one query: <c>ranked</c> holds document keys best
/// first (each once), <c>judged</c> the graded relevance of the relevant ones (grade &gt; 0; absent =
/// not relevant). Gains are the grades themselves (linear, as pytrec_eval's ndcg_cut). A query without a relevant
/// document scores 0 everywhere.
/// </summary>
internal static class RetrievalMetrics
{
    public static double NdcgAt(int k, IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> judged)
    {
        var ideal = judged.Values.Where(grade => grade > 0).OrderDescending().Take(k).Select((grade, i) => grade / Math.Log2(i + 2)).Sum();
        if (ideal == 0)
        {
            return 0;
        }

        var actual = ranked.Take(k).Select((key, i) => judged.GetValueOrDefault(key) is var grade and > 0 ? grade / Math.Log2(i + 2) : 0).Sum();
        return actual / ideal;
    }

    public static double RecallAt(int k, IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> judged)
    {
        var relevant = judged.Count(pair => pair.Value > 0);
        return relevant == 0 ? 0 : ranked.Take(k).Count(key => judged.GetValueOrDefault(key) > 0) / (double)relevant;
    }

    public static double ReciprocalRankAt(int k, IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> judged)
    {
        for (var i = 0; i < Math.Min(k, ranked.Count); i++)
        {
            if (judged.GetValueOrDefault(ranked[i]) > 0)
            {
                return 1.0 / (i + 1);
            }
        }

        return 0;
    }

    /// <summary>Chunks to documents: each document ranked where its best chunk is (BEIR's max-passage rule).</summary>
    public static List<string> Documents(IEnumerable<string> chunkDocumentKeys) => chunkDocumentKeys.Distinct().ToList();
}
