using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Monolith.BuildingBlocks.Web;

namespace Monolith.Modules.Users.Features.Register;

internal static class RegisterEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/register", async (RegisterUser request, IMediator mediator, CancellationToken cancellationToken) =>
        {
            var user = await mediator.Send(request, cancellationToken);
            return TypedResults.Created("/api/v1/users/me", user);
        })
        .WithName("RegisterUser")
        .WithSummary("Create an account")
        .RequireRateLimiting(RateLimitPolicies.Authentication)
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status429TooManyRequests)
        .AllowAnonymous();
}
