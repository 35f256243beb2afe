using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Monolith.BuildingBlocks.Security;

namespace Monolith.Modules.Search.Features.GetEvaluation;

internal static class GetEvaluationEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/{id:guid}/evaluations/{evaluationId:guid}", async (Guid id, Guid evaluationId, ICurrentUser caller, IMediator mediator, CancellationToken cancellationToken) =>
            TypedResults.Ok(await mediator.Send(new GetEvaluation(caller.Id, id, evaluationId), cancellationToken)))
        .WithName("GetEvaluation")
        .WithSummary("An evaluation's status, each mode's mean scores, and each query's scores and top documents")
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status404NotFound);
}
