using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Monolith.Modules.Users.Contracts;

namespace Monolith.Modules.Users.Features.SetUserLimits;

internal static class SetUserLimitsEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapPut("/{id:guid}/limits", async (Guid id, CallerLimits request, IMediator mediator, CancellationToken cancellationToken) =>
            TypedResults.Ok(await mediator.Send(new SetUserLimits(id, request), cancellationToken)))
        .WithName("SetUserLimits")
        .WithSummary("Set a user's quota limits (requests a minute; embeddings and chat requests and tokens a minute and tokens a day); left out: the role's default")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound);
}
