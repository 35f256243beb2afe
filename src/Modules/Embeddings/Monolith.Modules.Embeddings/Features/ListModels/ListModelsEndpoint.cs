using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Monolith.Modules.Embeddings.Features.ListModels;

internal static class ListModelsEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/models", async (IMediator mediator, CancellationToken cancellationToken) =>
            TypedResults.Ok(await mediator.Send(new ListModels(), cancellationToken)))
        .WithName("ListModels")
        .WithSummary("List the configured models (OpenAI-compatible)")
        .Produces(StatusCodes.Status401Unauthorized);
}
