using MediatR;
using Microsoft.EntityFrameworkCore;
using Monolith.BuildingBlocks.Application;
using Monolith.Modules.Search.Data;

namespace Monolith.Modules.Search.Features.GetEvaluation;

internal sealed class GetEvaluationHandler(SearchDbContext db) : IRequestHandler<GetEvaluation, EvaluationResponse>
{
    public async Task<EvaluationResponse> Handle(GetEvaluation request, CancellationToken cancellationToken) =>
        await db.Evaluations.AsNoTracking()
            .Where(e => e.Id == request.EvaluationId && e.CollectionId == request.CollectionId && e.OwnerId == request.UserId)
            // Never the queries asked (the run's input, up to a million judgments): each query's result carries what it needs.
            .Select(e => new EvaluationResponse(
                e.Id, e.CollectionId, e.Name, EvaluationResponse.StatusName(e.Status), e.Error, e.Modes, e.QueryCount, e.CreatedAt, e.StartedAt, e.CompletedAt,
                e.Metrics, e.QueryResults))
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw ProblemException.NotFound("Evaluation");
}
