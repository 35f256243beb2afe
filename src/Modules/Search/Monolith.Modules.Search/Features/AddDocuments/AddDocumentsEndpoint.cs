using FluentValidation;
using FluentValidation.Results;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Monolith.BuildingBlocks.Security;

namespace Monolith.Modules.Search.Features.AddDocuments;

internal static class AddDocumentsEndpoint
{
    public static void Map(IEndpointRouteBuilder group, long maxRequestBodyBytes)
    {
        group.MapPost("/{id:guid}/documents", async (Guid id, NewDocument document, ICurrentUser caller, IMediator mediator, CancellationToken cancellationToken) =>
            {
                IReadOnlyList<AcceptedDocument> accepted;
                try
                {
                    accepted = await mediator.Send(new AddDocuments(caller.Id, id, [document]), cancellationToken);
                }
                catch (ValidationException invalid)
                {
                    // The body is the document itself: name its fields as sent ("text", not "documents[0].text").
                    throw new ValidationException(invalid.Errors.Select(failure =>
                        new ValidationFailure(failure.PropertyName.Replace("documents[0].", "", StringComparison.Ordinal), failure.ErrorMessage)));
                }

                return TypedResults.Accepted($"/api/v1/collections/{id}/documents/{accepted[0].Id}", accepted[0]);
            })
            .WithName("AddDocument")
            .WithSummary("Add a document; it is chunked, embedded and indexed in the background (202, status pending)")
            .WithMetadata(new RequestSizeLimitAttribute(maxRequestBodyBytes))
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        group.MapPost("/{id:guid}/documents/batch", async (Guid id, AddDocumentsBatchRequest batch, ICurrentUser caller, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var accepted = await mediator.Send(new AddDocuments(caller.Id, id, batch.Documents ?? []), cancellationToken);
                return TypedResults.Accepted($"/api/v1/collections/{id}/documents", new AcceptedDocuments(accepted));
            })
            .WithName("AddDocumentsBatch")
            .WithSummary("Add documents in one request; ids come back in the order sent")
            .WithMetadata(new RequestSizeLimitAttribute(maxRequestBodyBytes))
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
    }
}
