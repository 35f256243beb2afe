using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Monolith.BuildingBlocks.Security;

namespace Monolith.Modules.Chat.Features.ListConversations;

internal static class ListConversationsEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("", async (ICurrentUser caller, IMediator mediator, CancellationToken cancellationToken, int page = 1, int pageSize = 50) =>
            TypedResults.Ok(await mediator.Send(new ListConversations(caller.Id, page, pageSize), cancellationToken)))
        .WithName("ListConversations")
        .WithSummary("The caller's conversations, newest first")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status401Unauthorized);
}
