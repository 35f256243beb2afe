using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Monolith.BuildingBlocks.Security;

namespace Monolith.Modules.Chat.Features.RenameConversation;

internal static class RenameConversationEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapPatch("/{id:guid}", async (Guid id, RenameConversationRequest request, ICurrentUser caller, IMediator mediator, CancellationToken cancellationToken) =>
            TypedResults.Ok(await mediator.Send(new RenameConversation(caller.Id, id, request.Title), cancellationToken)))
        .WithName("RenameConversation")
        .WithSummary("Rename a conversation")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status404NotFound);
}
