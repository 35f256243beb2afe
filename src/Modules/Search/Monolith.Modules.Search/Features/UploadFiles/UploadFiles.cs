using MediatR;
using Microsoft.AspNetCore.Http;
using Monolith.Modules.Search.Features.AddDocuments;

namespace Monolith.Modules.Search.Features.UploadFiles;

/// <summary>One uploaded file with its own fields; <paramref name="DeclaredType"/> is the part's (or body's) Content-Type.</summary>
internal sealed record UploadedFile(string FileName, string? DeclaredType, byte[] Content, string? ExternalId, string? Title, Dictionary<string, string>? Metadata);

/// <summary>Files of one request: stored and queued in one transaction, in the order sent.</summary>
internal sealed record UploadFiles(Guid UserId, Guid CollectionId, IReadOnlyList<UploadedFile> Files) : IRequest<IReadOnlyList<AcceptedDocument>>;

/// <summary>The multipart form, as the API document shows it: the n-th value of a field belongs to the n-th file.</summary>
internal sealed record UploadFilesForm(IFormFileCollection File, string[]? ExternalId, string[]? Title, string[]? Metadata);
