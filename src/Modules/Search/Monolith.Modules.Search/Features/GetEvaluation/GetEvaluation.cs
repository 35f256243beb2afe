using MediatR;

namespace Monolith.Modules.Search.Features.GetEvaluation;

internal sealed record GetEvaluation(Guid UserId, Guid CollectionId, Guid EvaluationId) : IRequest<EvaluationResponse>;
