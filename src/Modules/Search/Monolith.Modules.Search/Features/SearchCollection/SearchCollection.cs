using MediatR;
using Monolith.Modules.Search.Contracts;
using Monolith.Modules.Search.Retrieval;

namespace Monolith.Modules.Search.Features.SearchCollection;

/// <summary>A search as the API takes it; <see cref="Fusion"/>, <see cref="Weights"/> and <see cref="Candidates"/> override the hybrid defaults.</summary>
internal sealed record SearchRequest(
    string Query,
    string? Mode,
    int? TopK,
    Dictionary<string, MetadataCondition>? Filter,
    double? MinScore,
    string? Fusion = null,
    FusionWeights? Weights = null,
    int? Candidates = null,
    bool? Explain = null)
{
    public SearchQuery ToQuery() => new(
        Query,
        Enum.Parse<SearchMode>(Mode ?? "hybrid", ignoreCase: true),
        TopK ?? 10,
        Filter,
        MinScore,
        Fusion is null ? null : Enum.Parse<FusionMethod>(Fusion, ignoreCase: true),
        Weights?.Vector,
        Weights?.Keyword,
        Candidates,
        Explain ?? false);
}

/// <summary>Relative weights of the two lists in a hybrid search (convex combination: α = vector / (vector + keyword)).</summary>
internal sealed record FusionWeights(double Vector, double Keyword);

internal sealed record SearchCollection(Guid UserId, Guid CollectionId, SearchRequest Request) : IRequest<SearchResponse>;

internal sealed record SearchResponse(IReadOnlyList<SearchHit> Items, string Mode, double TookMs);
