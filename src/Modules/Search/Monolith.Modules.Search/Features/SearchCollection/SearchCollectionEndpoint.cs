using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Monolith.BuildingBlocks.Security;

namespace Monolith.Modules.Search.Features.SearchCollection;

internal static class SearchCollectionEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/{id:guid}/search", async (Guid id, SearchRequest request, ICurrentUser caller, IMediator mediator, CancellationToken cancellationToken) =>
            TypedResults.Ok(await mediator.Send(new SearchCollection(caller.Id, id, request), cancellationToken)))
        .RequireScope(ApiScopes.SearchRead) // a query, though a POST
        .WithName("SearchCollection")
        .WithSummary("Search a collection: mode vector | keyword | hybrid (default), topK 1-100 (default 10), metadata filter, minScore")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status404NotFound);
}
