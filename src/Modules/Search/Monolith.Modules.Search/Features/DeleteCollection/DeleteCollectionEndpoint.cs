using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Monolith.BuildingBlocks.Security;

namespace Monolith.Modules.Search.Features.DeleteCollection;

internal static class DeleteCollectionEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapDelete("/{id:guid}", async (Guid id, ICurrentUser caller, IMediator mediator, CancellationToken cancellationToken) =>
        {
            await mediator.Send(new DeleteCollection(caller.Id, id), cancellationToken);
            return TypedResults.NoContent();
        })
        .WithName("DeleteCollection")
        .WithSummary("Delete a collection with its documents and chunks")
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status404NotFound);
}
