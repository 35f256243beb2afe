using MediatR;
using Monolith.Modules.Search.Data;

namespace Monolith.Modules.Search.Features.CreateEvaluation;

/// <summary><see cref="Modes"/>: vector, keyword and/or hybrid; all three when not given.</summary>
internal sealed record CreateEvaluationRequest(string? Name, IReadOnlyList<string>? Modes, IReadOnlyList<GoldenQuery>? Queries);

internal sealed record CreateEvaluation(Guid UserId, Guid CollectionId, CreateEvaluationRequest Request) : IRequest<EvaluationResponse>;
