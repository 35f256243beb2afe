using Monolith.Modules.Search.Contracts;
using Monolith.Modules.Search.Retrieval;

namespace Monolith.IntegrationTests.Search;

/// <summary>The fusion functions on lists computed by hand: A and B from vector search, B and C from keyword search.</summary>
public sealed class FusionTests
{
    private static readonly SearchHit A = Hit("00000000-0000-0000-0000-00000000000a", 0.9);
    private static readonly SearchHit C = Hit("00000000-0000-0000-0000-00000000000c", 4);
    private static readonly SearchHit[] Vector = [A, Hit("00000000-0000-0000-0000-00000000000b", 0.5)];
    private static readonly SearchHit[] Keyword = [Hit("00000000-0000-0000-0000-00000000000b", 8), C];

    [Fact]
    public void Reciprocal_rank_fusion_scores_one_for_first_in_both_and_adds_the_lists()
    {
        // (k + 1) · Σ wᵢ / (k + rankᵢ), weights 0.5 each, k = 60: B = 61 · (0.5/62 + 0.5/61), A = 0.5, C = 61 · 0.5/62
        var fused = Fusion.Fuse(Vector, Keyword, new FusionSettings(FusionMethod.Rrf, 1, 1, 60));

        Assert.Equal(["b", "a", "c"], fused.Select(Name));
        Assert.Equal([0.991935, 0.5, 0.491935], fused.Select(hit => hit.Score));
        Assert.Equal(new HitExplanation(0.5, 2, 8, 1, 0.991935), fused[0].Explain);
    }

    [Fact]
    public void Convex_combination_normalises_by_the_theoretical_minimum_and_breaks_ties_by_rank_then_chunk_id()
    {
        // vector (s + 1) / (0.9 + 1): A 1, B 0.789474; keyword s / 8: B 1, C 0.5. α = 0.5: B 0.894737, A 0.5, C 0.25
        var fused = Fusion.Fuse(Vector, Keyword, new FusionSettings(FusionMethod.Convex, 1, 1, 60));

        Assert.Equal(["b", "a", "c"], fused.Select(Name));
        Assert.Equal([0.894737, 0.5, 0.25], fused.Select(hit => hit.Score));

        // A first in one list, C first in the other, both 0.5: same best rank, so the chunk id decides, whichever list comes first.
        Assert.Equal(["a", "c"], Fusion.Fuse([A], [C], new FusionSettings(FusionMethod.Convex, 1, 1, 60)).Select(Name));
        Assert.Equal(["a", "c"], Fusion.Fuse([C with { Score = 0.9 }], [A with { Score = 4 }], new FusionSettings(FusionMethod.Convex, 1, 1, 60)).Select(Name));
    }

    [Theory]
    [InlineData("Rrf")]
    [InlineData("Convex")]
    public void A_weight_of_zero_leaves_the_other_lists_order(string name)
    {
        var method = Enum.Parse<FusionMethod>(name);
        Assert.Equal(["a", "b", "c"], Fusion.Fuse(Vector, Keyword, new FusionSettings(method, 1, 0, 60)).Select(Name));
        Assert.Equal(["b", "c", "a"], Fusion.Fuse(Vector, Keyword, new FusionSettings(method, 0, 1, 60)).Select(Name));
    }

    private static SearchHit Hit(string id, double score) =>
        new(Guid.NewGuid(), Guid.Empty, null, null, Guid.Parse(id), "text", score, new Dictionary<string, string>());

    private static string Name(SearchHit hit) => hit.ChunkId.ToString()[^1..];
}
