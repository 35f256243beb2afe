using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Monolith.Modules.Users.Throttling;

namespace Monolith.Modules.Users.Features.Register;

internal static class RegisterEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/register", async (RegisterUserRequest request, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
        {
            var user = await mediator.Send(new RegisterUser(request.Email, request.Password, request.DisplayName, ClientAddress.Of(http)), cancellationToken);
            return TypedResults.Created("/api/v1/users/me", user);
        })
        .WithName("RegisterUser")
        .WithSummary("Create an account")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status429TooManyRequests)
        .AllowAnonymous();
}
