namespace Monolith.Modules.Search.Data;

/// <summary>
/// A retrieval evaluation of one collection: golden queries with judged documents, run in the background in
/// each of its modes. <see cref="Metrics"/> and <see cref="QueryResults"/> are set once it is done.
/// </summary>
internal sealed class EvaluationRun
{
    public Guid Id { get; init; }
    public Guid CollectionId { get; init; }
    public Guid OwnerId { get; init; }
    public string? Name { get; init; }
    public EvaluationStatus Status { get; set; }
    public string? Error { get; set; }

    /// <summary>Search modes as the API names them (vector, keyword, hybrid), in the order asked for.</summary>
    public required List<string> Modes { get; init; }

    public required List<GoldenQuery> Queries { get; init; }

    public int QueryCount { get; init; }

    /// <summary>Each mode's mean scores; apart from <see cref="QueryResults"/>, so a list of runs never reads every query's detail.</summary>
    public Dictionary<string, RetrievalScores>? Metrics { get; set; }

    public List<QueryResult>? QueryResults { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}

/// <summary>A query and the documents judged for it; <paramref name="Id"/> is the caller's own label, echoed in the result.</summary>
internal sealed record GoldenQuery(string? Id, string Query, IReadOnlyList<Judgment> Judgments);

/// <summary>A document named by its externalId or its id, with its graded relevance (0 = judged not relevant; 1 unless given).</summary>
internal sealed record Judgment(string? ExternalId, Guid? DocumentId, int Relevance = 1);

internal sealed record RetrievalScores(double NdcgAt10, double RecallAt10, double RecallAt100, double MrrAt10);

/// <summary>One query's scores per mode, with the first ten documents it retrieved (externalId, or id without one).</summary>
internal sealed record QueryResult(string? Id, string Query, int Relevant, IReadOnlyDictionary<string, QueryModeResult> Modes);

internal sealed record QueryModeResult(RetrievalScores Scores, IReadOnlyList<string> Top);

internal enum EvaluationStatus
{
    Pending = 0,
    Running = 1,
    Done = 2,
    Failed = 3,
}
