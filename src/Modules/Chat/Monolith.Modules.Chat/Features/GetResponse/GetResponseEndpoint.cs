using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Monolith.BuildingBlocks.Security;

namespace Monolith.Modules.Chat.Features.GetResponse;

internal static class GetResponseEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/responses/{id}", async (string id, ICurrentUser caller, IMediator mediator, CancellationToken cancellationToken) =>
            Results.Text(await mediator.Send(new GetResponse(caller.Id, id), cancellationToken), "application/json"))
        .WithName("GetResponse")
        .WithSummary("A stored response (created with \"store\", the default), as its create call answered it")
        .Produces(StatusCodes.Status401Unauthorized)
        .Produces(StatusCodes.Status404NotFound);
}
