using System.Runtime.Serialization;

namespace Monolith.Modules.Search.Contracts;

/// <summary>
/// Search's own command, queued durably in the same transaction that stores an evaluation: run its queries and
/// store the scores. Public because it travels on the bus; other modules have no reason to send it.
/// </summary>
[DataContract(Namespace = "monolith.search", Name = "run-evaluation.v1")]
public sealed record RunEvaluation(Guid EvaluationId);
