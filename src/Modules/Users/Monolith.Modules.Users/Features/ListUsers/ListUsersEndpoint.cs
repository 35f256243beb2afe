using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Monolith.Modules.Users.Features.ListUsers;

internal static class ListUsersEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("", async (IMediator mediator, CancellationToken cancellationToken, int page = 1, int pageSize = 50) =>
            TypedResults.Ok(await mediator.Send(new ListUsers(page, pageSize), cancellationToken)))
        .WithName("ListUsers")
        .WithSummary("All users, oldest first (admins only)")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden);
}
