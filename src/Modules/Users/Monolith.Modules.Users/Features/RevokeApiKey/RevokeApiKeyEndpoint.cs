using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Monolith.BuildingBlocks.Security;

namespace Monolith.Modules.Users.Features.RevokeApiKey;

internal static class RevokeApiKeyEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapDelete("/api-keys/{id:guid}", async (Guid id, ICurrentUser caller, IMediator mediator, CancellationToken cancellationToken) =>
        {
            await mediator.Send(new RevokeApiKey(caller.Id, id), cancellationToken);
            return TypedResults.NoContent();
        })
        .WithName("RevokeApiKey")
        .WithSummary("Revoke an API key; it stops working at once")
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status404NotFound);
}
