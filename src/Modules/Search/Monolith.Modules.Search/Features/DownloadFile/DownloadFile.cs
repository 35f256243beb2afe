using MediatR;

namespace Monolith.Modules.Search.Features.DownloadFile;

internal sealed record DownloadFile(Guid UserId, Guid CollectionId, Guid DocumentId) : IRequest<StoredFile>;

/// <summary>The original bytes, served as the detected format under the (made harmless) file name.</summary>
internal sealed record StoredFile(byte[] Content, string ContentType, string FileName);
