using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Monolith.BuildingBlocks.Security;

namespace Monolith.Modules.Search.Features.DeleteDocument;

internal static class DeleteDocumentEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapDelete("/{id:guid}/documents/{documentId:guid}", async (Guid id, Guid documentId, ICurrentUser caller, IMediator mediator, CancellationToken cancellationToken) =>
        {
            await mediator.Send(new DeleteDocument(caller.Id, id, documentId), cancellationToken);
            return TypedResults.NoContent();
        })
        .WithName("DeleteDocument")
        .WithSummary("Delete a document and its chunks")
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status404NotFound);
}
