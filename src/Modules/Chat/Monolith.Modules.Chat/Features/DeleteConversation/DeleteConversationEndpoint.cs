using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Monolith.BuildingBlocks.Security;

namespace Monolith.Modules.Chat.Features.DeleteConversation;

internal static class DeleteConversationEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapDelete("/{id:guid}", async (Guid id, ICurrentUser caller, IMediator mediator, CancellationToken cancellationToken) =>
        {
            await mediator.Send(new DeleteConversation(caller.Id, id), cancellationToken);
            return TypedResults.NoContent();
        })
        .WithName("DeleteConversation")
        .WithSummary("Delete a conversation and its messages")
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status404NotFound);
}
