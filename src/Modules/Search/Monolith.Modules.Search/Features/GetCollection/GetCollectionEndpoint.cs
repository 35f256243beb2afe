using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Monolith.BuildingBlocks.Security;

namespace Monolith.Modules.Search.Features.GetCollection;

internal static class GetCollectionEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/{id:guid}", async (Guid id, ICurrentUser caller, IMediator mediator, CancellationToken cancellationToken) =>
            TypedResults.Ok(await mediator.Send(new GetCollection(caller.Id, id), cancellationToken)))
        .WithName("GetCollection")
        .WithSummary("A collection with its document counts by status")
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status404NotFound);
}
