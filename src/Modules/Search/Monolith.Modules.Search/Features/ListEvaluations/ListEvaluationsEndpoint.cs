using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Monolith.BuildingBlocks.Security;

namespace Monolith.Modules.Search.Features.ListEvaluations;

internal static class ListEvaluationsEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/{id:guid}/evaluations", async (Guid id, ICurrentUser caller, IMediator mediator, CancellationToken cancellationToken, int page = 1, int pageSize = 50) =>
            TypedResults.Ok(await mediator.Send(new ListEvaluations(caller.Id, id, page, pageSize), cancellationToken)))
        .WithName("ListEvaluations")
        .WithSummary("A collection's evaluation runs, newest first, with each mode's mean scores (per-query detail: GET one run)")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status404NotFound);
}
