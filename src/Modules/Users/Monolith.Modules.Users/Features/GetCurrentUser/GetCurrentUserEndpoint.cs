using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Monolith.BuildingBlocks.Security;

namespace Monolith.Modules.Users.Features.GetCurrentUser;

internal static class GetCurrentUserEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("", async (ICurrentUser caller, IMediator mediator, CancellationToken cancellationToken) =>
            TypedResults.Ok(await mediator.Send(new GetCurrentUser(caller.Id), cancellationToken)))
        .WithName("GetCurrentUser")
        .WithSummary("The authenticated user")
        .ProducesProblem(StatusCodes.Status401Unauthorized);
}
