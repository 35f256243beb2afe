using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Monolith.BuildingBlocks.Security;

namespace Monolith.Modules.Search.Features.ListCollections;

internal static class ListCollectionsEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("", async (ICurrentUser caller, IMediator mediator, CancellationToken cancellationToken, int page = 1, int pageSize = 50) =>
            TypedResults.Ok(await mediator.Send(new ListCollections(caller.Id, page, pageSize), cancellationToken)))
        .WithName("ListCollections")
        .WithSummary("The caller's collections, newest first")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status401Unauthorized);
}
