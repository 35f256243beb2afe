using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Monolith.BuildingBlocks.Security;

namespace Monolith.Modules.Users.Features.CreateApiKey;

internal static class CreateApiKeyEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/api-keys", async (CreateApiKeyRequest request, ICurrentUser caller, IMediator mediator, CancellationToken cancellationToken) =>
        {
            var creator = new KeyCreator(caller.IsAdmin, caller.Scopes, caller.KeyExpiresAt);
            var created = await mediator.Send(
                new CreateApiKey(caller.Id, request.Name, request.Scopes, request.ExpiresAt, creator, request.Limits), cancellationToken);
            return TypedResults.Created($"/api/v1/users/me/api-keys/{created.Id}", created);
        })
        .WithName("CreateApiKey")
        .WithSummary("Create an API key, optionally limited to scopes and expiring; the key is shown in this response only")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status409Conflict);
}
