using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Monolith.Modules.Users.Throttling;

namespace Monolith.Modules.Users.Features.IssueToken;

internal static class IssueTokenEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/token", async (IssueTokenRequest request, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
            TypedResults.Ok(await mediator.Send(new IssueToken(request.Email, request.Password, ClientAddress.Of(http)), cancellationToken)))
        .WithName("IssueToken")
        .WithSummary("Log in: exchange email and password for a bearer token")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status429TooManyRequests)
        .AllowAnonymous();
}
