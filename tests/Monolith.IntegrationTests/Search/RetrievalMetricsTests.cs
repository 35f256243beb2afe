using Monolith.Modules.Search.Evaluation;

namespace Monolith.IntegrationTests.Search;

/// <summary>The metric code against values computed by hand (trec_eval's definitions, grades as gains).</summary>
public sealed class RetrievalMetricsTests
{
    private static readonly Dictionary<string, int> Judged = new() { ["a"] = 2, ["c"] = 1, ["e"] = 1 };

    [Fact]
    public void NDCG_uses_graded_gains_and_the_ideal_order_of_fewer_than_ten_relevant_documents()
    {
        // DCG = 2/log2(2) + 1/log2(4) = 2.5; IDCG = 2/log2(2) + 1/log2(3) + 1/log2(4) = 3.130930
        Assert.Equal(0.798485, RetrievalMetrics.NdcgAt(10, ["a", "b", "c", "d"], Judged), 6);
        Assert.Equal(1, RetrievalMetrics.NdcgAt(10, ["a", "c", "e"], Judged), 6);
        Assert.Equal(0.5, RetrievalMetrics.NdcgAt(10, ["x", "y", "c"], new Dictionary<string, int> { ["c"] = 1 }), 6); // 1/log2(4)
        Assert.Equal(0, RetrievalMetrics.NdcgAt(2, ["b", "d", "a"], Judged)); // a is past the cut-off
    }

    [Fact]
    public void Recall_counts_relevant_documents_found_within_the_cut_off()
    {
        Assert.Equal(2 / 3.0, RetrievalMetrics.RecallAt(10, ["a", "b", "c", "d"], Judged), 6);
        Assert.Equal(1 / 3.0, RetrievalMetrics.RecallAt(2, ["a", "b", "c", "d"], Judged), 6);
    }

    [Fact]
    public void Reciprocal_rank_is_one_over_the_rank_of_the_first_relevant_document()
    {
        Assert.Equal(1, RetrievalMetrics.ReciprocalRankAt(10, ["a", "b"], Judged));
        Assert.Equal(1 / 3.0, RetrievalMetrics.ReciprocalRankAt(10, ["x", "y", "c"], Judged), 6);
        Assert.Equal(0, RetrievalMetrics.ReciprocalRankAt(2, ["x", "y", "c"], Judged));
    }

    [Fact]
    public void A_query_without_a_relevant_document_scores_zero()
    {
        var none = new Dictionary<string, int>();
        Assert.Equal(0, RetrievalMetrics.NdcgAt(10, ["a", "b"], none));
        Assert.Equal(0, RetrievalMetrics.RecallAt(100, ["a", "b"], none));
        Assert.Equal(0, RetrievalMetrics.ReciprocalRankAt(10, ["a", "b"], none));
    }
}
