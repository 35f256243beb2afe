using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Monolith.BuildingBlocks.Security;

namespace Monolith.Modules.Search.Features.CreateEvaluation;

internal static class CreateEvaluationEndpoint
{
    public static void Map(IEndpointRouteBuilder group, long maxRequestBodyBytes) => group
        .MapPost("/{id:guid}/evaluations", async (Guid id, CreateEvaluationRequest request, ICurrentUser caller, IMediator mediator, CancellationToken cancellationToken) =>
        {
            var created = await mediator.Send(new CreateEvaluation(caller.Id, id, request), cancellationToken);
            return TypedResults.Accepted($"/api/v1/collections/{id}/evaluations/{created.Id}", created);
        })
        .WithName("CreateEvaluation")
        .WithSummary("Evaluate retrieval: golden queries with judged documents (externalId or documentId, graded relevance) are run in each mode in the background (202, status pending); nDCG@10, Recall@10/@100 and MRR@10 per mode")
        .WithMetadata(new RequestSizeLimitAttribute(maxRequestBodyBytes))
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
}
