using Monolith.Modules.Search.Contracts;
using Monolith.Modules.Search.Data;

namespace Monolith.Modules.Search.Evaluation;

/// <summary>
/// Scores one query's hits against its judgments. Chunks become documents ranked where their best chunk is; a
/// document matches a judgment by its id or by its externalId, whichever the judgment names.
/// </summary>
internal static class EvaluationScoring
{
    public static QueryModeResult Score(GoldenQuery query, IReadOnlyList<SearchHit> hits)
    {
        var judged = query.Judgments.ToDictionary(KeyOf, judgment => judgment.Relevance);
        var documents = hits.DistinctBy(hit => KeyOf(hit, judged)).ToList();
        var ranked = documents.Select(hit => KeyOf(hit, judged)).ToList();
        var scores = new RetrievalScores(
            Math.Round(RetrievalMetrics.NdcgAt(10, ranked, judged), 6),
            Math.Round(RetrievalMetrics.RecallAt(10, ranked, judged), 6),
            Math.Round(RetrievalMetrics.RecallAt(100, ranked, judged), 6),
            Math.Round(RetrievalMetrics.ReciprocalRankAt(10, ranked, judged), 6));
        return new QueryModeResult(scores, documents.Take(10).Select(hit => hit.ExternalId ?? hit.DocumentId.ToString()).ToList());
    }

    /// <summary>The mean of each metric over the queries (every query has a relevant document, so each counts).</summary>
    public static RetrievalScores Mean(IReadOnlyList<RetrievalScores> scores) => scores.Count == 0 ? new RetrievalScores(0, 0, 0, 0) : new(
        Math.Round(scores.Average(s => s.NdcgAt10), 6),
        Math.Round(scores.Average(s => s.RecallAt10), 6),
        Math.Round(scores.Average(s => s.RecallAt100), 6),
        Math.Round(scores.Average(s => s.MrrAt10), 6));

    private static string KeyOf(Judgment judgment) =>
        judgment.DocumentId is { } id ? IdKey(id) : ExternalKey(judgment.ExternalId!);

    // Judged by id: the id; otherwise the externalId (the caller's own key, which outlives a re-upload).
    private static string KeyOf(SearchHit hit, Dictionary<string, int> judged) =>
        judged.ContainsKey(IdKey(hit.DocumentId)) || hit.ExternalId is null ? IdKey(hit.DocumentId) : ExternalKey(hit.ExternalId);

    private static string IdKey(Guid id) => "id:" + id.ToString();

    private static string ExternalKey(string externalId) => "external:" + externalId;
}
