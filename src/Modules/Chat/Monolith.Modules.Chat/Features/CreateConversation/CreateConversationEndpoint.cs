using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Monolith.BuildingBlocks.Security;

namespace Monolith.Modules.Chat.Features.CreateConversation;

internal static class CreateConversationEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("", async (CreateConversationRequest request, ICurrentUser caller, IMediator mediator, CancellationToken cancellationToken) =>
        {
            var created = await mediator.Send(new CreateConversation(caller.Id, request), cancellationToken);
            return TypedResults.Created($"/api/v1/conversations/{created.Id}", created);
        })
        .WithName("CreateConversation")
        .WithSummary("Start a conversation over some of your collections, with an optional system prompt and model")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status404NotFound);
}
