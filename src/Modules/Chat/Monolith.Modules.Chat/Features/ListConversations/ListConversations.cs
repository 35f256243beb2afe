using MediatR;
using Monolith.BuildingBlocks.Application;

namespace Monolith.Modules.Chat.Features.ListConversations;

internal sealed record ListConversations(Guid UserId, int Page, int PageSize) : IRequest<ConversationPage>, IPagedRequest;

internal sealed record ConversationPage(IReadOnlyList<ConversationResponse> Items, int Page, int PageSize, int Total);
