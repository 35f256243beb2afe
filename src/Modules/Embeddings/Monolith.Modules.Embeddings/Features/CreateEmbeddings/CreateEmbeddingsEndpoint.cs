using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Monolith.BuildingBlocks.Quotas;
using Monolith.BuildingBlocks.Security;

namespace Monolith.Modules.Embeddings.Features.CreateEmbeddings;

internal static class CreateEmbeddingsEndpoint
{
    public static void Map(IEndpointRouteBuilder group, long maxRequestBodyBytes) => group
        .MapPost("/embeddings", async (CreateEmbeddingsRequest request, ICurrentUser caller, IMediator mediator, CancellationToken cancellationToken) =>
            TypedResults.Ok(await mediator.Send(new CreateEmbeddings(caller.Id, caller.ApiKeyId, request), cancellationToken)))
        .WithName("CreateEmbeddings")
        .WithMetadata(new MeteredAs(MeteredAs.Embeddings))
        .WithSummary("Create embeddings (OpenAI-compatible)")
        .WithMetadata(new RequestSizeLimitAttribute(maxRequestBodyBytes))
        .Produces(StatusCodes.Status400BadRequest)
        .Produces(StatusCodes.Status401Unauthorized)
        .Produces(StatusCodes.Status404NotFound)
        .Produces(StatusCodes.Status413PayloadTooLarge)
        .Produces(StatusCodes.Status502BadGateway)
        .Produces(StatusCodes.Status504GatewayTimeout);
}
