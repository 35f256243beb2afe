using MediatR;
using Monolith.BuildingBlocks.Application;

namespace Monolith.Modules.Search.Features.ListDocuments;

internal sealed record ListDocuments(Guid UserId, Guid CollectionId, string? Status, int Page, int PageSize) : IRequest<DocumentPage>, IPagedRequest;

internal sealed record DocumentPage(IReadOnlyList<DocumentResponse> Items, int Page, int PageSize, int Total);
