using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Monolith.BuildingBlocks.Security;

namespace Monolith.Modules.Users.Features.DeleteCurrentUser;

internal static class DeleteCurrentUserEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapDelete("", async (ICurrentUser caller, IMediator mediator, CancellationToken cancellationToken) =>
        {
            await mediator.Send(new DeleteCurrentUser(caller.Id), cancellationToken);
            return TypedResults.NoContent();
        })
        .WithName("DeleteCurrentUser")
        .WithSummary("Delete the account; its tokens and keys stop working at once and every module erases its data")
        .ProducesProblem(StatusCodes.Status401Unauthorized);
}
