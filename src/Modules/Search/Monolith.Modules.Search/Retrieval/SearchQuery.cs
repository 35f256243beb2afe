namespace Monolith.Modules.Search.Retrieval;

/// <summary>One search, parsed and validated; unset hybrid settings come from <see cref="HybridOptions"/>.</summary>
internal sealed record SearchQuery(
    string Text,
    SearchMode Mode,
    int TopK,
    IReadOnlyDictionary<string, MetadataCondition>? Filter = null,
    double? MinScore = null,
    FusionMethod? Fusion = null,
    double? VectorWeight = null,
    double? KeywordWeight = null,
    int? Candidates = null,
    bool Explain = false);
