using MediatR;

namespace Monolith.Modules.Search.Features.ListDocuments;

internal sealed record ListDocuments(Guid UserId, Guid CollectionId, string? Status, int Page, int PageSize) : IRequest<DocumentPage>;

internal sealed record DocumentPage(IReadOnlyList<DocumentResponse> Items, int Page, int PageSize, int Total);
