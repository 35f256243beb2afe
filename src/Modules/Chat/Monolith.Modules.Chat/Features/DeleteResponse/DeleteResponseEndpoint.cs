using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Monolith.BuildingBlocks.Security;

namespace Monolith.Modules.Chat.Features.DeleteResponse;

internal static class DeleteResponseEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapDelete("/responses/{id}", async (string id, ICurrentUser caller, IMediator mediator, CancellationToken cancellationToken) =>
        {
            await mediator.Send(new DeleteResponse(caller.Id, id), cancellationToken);
            return Results.Json(new { id, @object = "response", deleted = true }); // OpenAI's deletion object
        })
        .WithName("DeleteResponse")
        .WithSummary("Delete a stored response")
        .Produces(StatusCodes.Status401Unauthorized)
        .Produces(StatusCodes.Status404NotFound);
}
