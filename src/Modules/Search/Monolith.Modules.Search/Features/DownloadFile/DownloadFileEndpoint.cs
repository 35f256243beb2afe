using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Monolith.BuildingBlocks.Security;

namespace Monolith.Modules.Search.Features.DownloadFile;

internal static class DownloadFileEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/{id:guid}/documents/{documentId:guid}/file", async (Guid id, Guid documentId, ICurrentUser caller, IMediator mediator, CancellationToken cancellationToken) =>
        {
            var file = await mediator.Send(new DownloadFile(caller.Id, id, documentId), cancellationToken);
            return TypedResults.File(file.Content, file.ContentType, file.FileName);
        })
        .WithName("DownloadFile")
        .WithSummary("The uploaded file of a document, as it was uploaded (attachment, with its file name)")
        .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status404NotFound);
}
