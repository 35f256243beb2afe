using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Monolith.BuildingBlocks.Security;

namespace Monolith.Modules.Search.Features.CreateCollection;

internal static class CreateCollectionEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("", async (CreateCollectionRequest request, ICurrentUser caller, IMediator mediator, CancellationToken cancellationToken) =>
        {
            var created = await mediator.Send(new CreateCollection(caller.Id, request.Name, request.Description, request.EmbeddingModel, request.TextSearchConfig), cancellationToken);
            return TypedResults.Created($"/api/v1/collections/{created.Id}", created);
        })
        .WithName("CreateCollection")
        .WithSummary("Create a collection; its embedding model (default: the platform's) and keyword language (textSearchConfig, default english) are fixed from now on")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status401Unauthorized);
}
