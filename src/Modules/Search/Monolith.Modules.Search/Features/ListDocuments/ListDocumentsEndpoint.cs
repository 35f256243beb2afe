using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Monolith.BuildingBlocks.Security;

namespace Monolith.Modules.Search.Features.ListDocuments;

internal static class ListDocumentsEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/{id:guid}/documents", async (Guid id, ICurrentUser caller, IMediator mediator, CancellationToken cancellationToken,
                string? status = null, int page = 1, int pageSize = 50) =>
            TypedResults.Ok(await mediator.Send(new ListDocuments(caller.Id, id, status, page, pageSize), cancellationToken)))
        .WithName("ListDocuments")
        .WithSummary("Documents of a collection in the order added, optionally by status")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status404NotFound);
}
