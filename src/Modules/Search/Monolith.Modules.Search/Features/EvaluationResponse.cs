using System.Text.Json.Serialization;
using Monolith.Modules.Search.Data;

namespace Monolith.Modules.Search.Features;

/// <summary>
/// An evaluation run: status pending → running → done | failed (with the reason), each mode's mean scores once done,
/// and, when one run is shown, each query's scores and top documents.
/// </summary>
internal sealed record EvaluationResponse(
    Guid Id, Guid CollectionId, string? Name, string Status, string? Error, IReadOnlyList<string> Modes, int QueryCount,
    DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt,
    IReadOnlyDictionary<string, RetrievalScores>? Metrics,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<QueryResult>? Queries = null)
{
    public static EvaluationResponse From(EvaluationRun evaluation) => new(
        evaluation.Id, evaluation.CollectionId, evaluation.Name, StatusName(evaluation.Status), evaluation.Error, evaluation.Modes, evaluation.QueryCount,
        evaluation.CreatedAt, evaluation.StartedAt, evaluation.CompletedAt, evaluation.Metrics, evaluation.QueryResults);

    public static string StatusName(EvaluationStatus status) => status.ToString().ToLowerInvariant();
}
