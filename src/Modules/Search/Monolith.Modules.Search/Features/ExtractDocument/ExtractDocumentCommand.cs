using MediatR;

namespace Monolith.Modules.Search.Features.ExtractDocument;

/// <summary><paramref name="IsLastAttempt"/>: a failure now ends the document <c>failed</c> instead of being retried.</summary>
internal sealed record ExtractDocumentCommand(Guid DocumentId, bool IsLastAttempt) : IRequest<Unit>;
