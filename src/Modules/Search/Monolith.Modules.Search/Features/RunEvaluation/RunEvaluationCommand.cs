using MediatR;

namespace Monolith.Modules.Search.Features.RunEvaluation;

/// <summary><paramref name="IsLastAttempt"/>: a failure now ends the evaluation <c>failed</c> instead of being retried.</summary>
internal sealed record RunEvaluationCommand(Guid EvaluationId, bool IsLastAttempt) : IRequest<Unit>;
