using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Monolith.BuildingBlocks.Security;

namespace Monolith.Modules.Chat.Features.ListResponseInputItems;

internal static class ListResponseInputItemsEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/responses/{id}/input_items", async (string id, string? limit, string? order, string? after, string? before, ICurrentUser caller,
            IMediator mediator, CancellationToken cancellationToken) =>
            Results.Text(await mediator.Send(new ListResponseInputItems(caller.Id, id, limit, order, after, before), cancellationToken), "application/json"))
        .WithName("ListResponseInputItems")
        .WithSummary("A stored response's input items (the conversation it answered, without its instructions), newest first unless order=asc; paged by limit, after and before")
        .Produces(StatusCodes.Status400BadRequest)
        .Produces(StatusCodes.Status401Unauthorized)
        .Produces(StatusCodes.Status404NotFound);
}
