using Monolith.Modules.Search.Contracts;

namespace Monolith.Modules.Search.Retrieval;

internal enum FusionMethod
{
    /// <summary>Weighted reciprocal rank fusion: Σ wᵢ / (k + rankᵢ).</summary>
    Rrf,

    /// <summary>Convex combination of scores normalised by their theoretical minimum and the list's maximum (Bruch et al.'s TM2C2).</summary>
    Convex,
}

/// <summary>How hybrid search fuses its lists; the weights are relative (convex: α = vector / (vector + keyword)).</summary>
internal sealed record FusionSettings(FusionMethod Method, double VectorWeight, double KeywordWeight, int RrfK);

/// <summary>
/// Fuses a vector list (cosine similarity, best first) and a keyword list (BM25, best first) into one ranking, scores
/// scaled to [0, 1] (1: first in both lists / the best score of both). Ties go to the better rank in either list,
/// then to the chunk id, so equal inputs always give the same order.
/// </summary>
internal static class Fusion
{
    private const double LowestCosine = -1; // the theoretical minimum of a cosine similarity; BM25's is 0

    public static List<SearchHit> Fuse(IReadOnlyList<SearchHit> vector, IReadOnlyList<SearchHit> keyword, FusionSettings settings)
    {
        var entries = new Dictionary<Guid, Entry>();
        for (var i = 0; i < vector.Count; i++)
        {
            entries[vector[i].ChunkId] = new Entry(vector[i]) { VectorRank = i + 1, VectorScore = vector[i].Score };
        }

        for (var i = 0; i < keyword.Count; i++)
        {
            var entry = entries.TryGetValue(keyword[i].ChunkId, out var found) ? found : entries[keyword[i].ChunkId] = new Entry(keyword[i]);
            entry.KeywordRank = i + 1;
            entry.KeywordScore = keyword[i].Score;
        }

        var total = settings.VectorWeight + settings.KeywordWeight;
        var (wv, wk) = (settings.VectorWeight / total, settings.KeywordWeight / total);
        var maxVector = vector.Count > 0 ? vector.Max(hit => hit.Score) : 0;
        var maxKeyword = keyword.Count > 0 ? keyword.Max(hit => hit.Score) : 0;
        foreach (var entry in entries.Values)
        {
            entry.Fused = settings.Method == FusionMethod.Rrf
                ? (settings.RrfK + 1) * ((wv * Reciprocal(entry.VectorRank, settings.RrfK)) + (wk * Reciprocal(entry.KeywordRank, settings.RrfK)))
                : (wv * Normalised(entry.VectorScore, LowestCosine, maxVector)) + (wk * Normalised(entry.KeywordScore, 0, maxKeyword));
        }

        return entries.Values
            .OrderByDescending(entry => entry.Fused)
            .ThenBy(entry => Math.Min(entry.VectorRank ?? int.MaxValue, entry.KeywordRank ?? int.MaxValue))
            .ThenBy(entry => entry.Hit.ChunkId)
            .Select(entry => entry.Hit with
            {
                Score = Math.Round(entry.Fused, 6),
                Explain = new HitExplanation(entry.VectorScore, entry.VectorRank, entry.KeywordScore, entry.KeywordRank, Math.Round(entry.Fused, 6)),
            })
            .ToList();
    }

    private static double Reciprocal(int? rank, int k) => rank is { } r ? 1.0 / (k + r) : 0;

    private static double Normalised(double? score, double lowest, double max) =>
        score is { } s && max > lowest ? (s - lowest) / (max - lowest) : 0;

    private sealed class Entry(SearchHit hit)
    {
        public SearchHit Hit { get; } = hit;
        public int? VectorRank { get; set; }
        public double? VectorScore { get; set; }
        public int? KeywordRank { get; set; }
        public double? KeywordScore { get; set; }
        public double Fused { get; set; }
    }
}
