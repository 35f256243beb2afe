using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Monolith.BuildingBlocks.Web;

namespace Monolith.Modules.Users.Features.IssueToken;

internal static class IssueTokenEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/token", async (IssueToken request, IMediator mediator, CancellationToken cancellationToken) =>
            TypedResults.Ok(await mediator.Send(request, cancellationToken)))
        .WithName("IssueToken")
        .WithSummary("Log in: exchange email and password for a bearer token")
        .RequireRateLimiting(RateLimitPolicies.Authentication)
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status429TooManyRequests)
        .AllowAnonymous();
}
