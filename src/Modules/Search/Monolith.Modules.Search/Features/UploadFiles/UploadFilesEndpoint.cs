using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Monolith.BuildingBlocks.Security;
using Monolith.Modules.Search.Features.AddDocuments;

namespace Monolith.Modules.Search.Features.UploadFiles;

internal static class UploadFilesEndpoint
{
    public static void Map(IEndpointRouteBuilder group, FileLimits limits) => group
        .MapPost("/{id:guid}/files", async (
            Guid id, HttpRequest request, [FromQuery] string? filename, [FromQuery] string? externalId, [FromQuery] string? title,
            ICurrentUser caller, IMediator mediator, IOptions<SearchOptions> options, CancellationToken cancellationToken) =>
        {
            var files = await UploadRequest.ReadAsync(request, filename, externalId, title, options.Value.Files, cancellationToken);
            var accepted = await mediator.Send(new UploadFiles(caller.Id, id, files), cancellationToken);
            return TypedResults.Accepted($"/api/v1/collections/{id}/documents", new AcceptedDocuments(accepted));
        })
        .WithName("UploadFiles")
        .WithSummary("Upload files (PDF, DOCX, PPTX, XLSX, HTML, Markdown, text, CSV) as multipart/form-data or one file as the body with ?filename=; each becomes a document that is extracted, chunked, embedded and indexed in the background (202)")
        .Accepts<UploadFilesForm>(isOptional: true, "multipart/form-data", "*/*")
        .DisableAntiforgery()
        .WithMetadata(new RequestSizeLimitAttribute(limits.MaxRequestBytes))
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
}
