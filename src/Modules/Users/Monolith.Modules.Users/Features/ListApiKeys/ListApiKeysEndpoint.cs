using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Monolith.BuildingBlocks.Security;

namespace Monolith.Modules.Users.Features.ListApiKeys;

internal static class ListApiKeysEndpoint
{
    // Not paged: a user holds at most CreateApiKeyHandler.MaximumKeysPerUser keys.
    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/api-keys", async (ICurrentUser caller, IMediator mediator, CancellationToken cancellationToken) =>
            TypedResults.Ok(await mediator.Send(new ListApiKeys(caller.Id), cancellationToken)))
        .WithName("ListApiKeys")
        .WithSummary("The caller's API keys, without their secrets")
        .ProducesProblem(StatusCodes.Status401Unauthorized);
}
