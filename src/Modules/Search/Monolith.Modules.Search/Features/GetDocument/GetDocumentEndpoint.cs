using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Monolith.BuildingBlocks.Security;

namespace Monolith.Modules.Search.Features.GetDocument;

internal static class GetDocumentEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/{id:guid}/documents/{documentId:guid}", async (Guid id, Guid documentId, ICurrentUser caller, IMediator mediator, CancellationToken cancellationToken) =>
            TypedResults.Ok(await mediator.Send(new GetDocument(caller.Id, id, documentId), cancellationToken)))
        .WithName("GetDocument")
        .WithSummary("A document's status (pending, indexed, failed with its reason) and chunk count")
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status404NotFound);
}
