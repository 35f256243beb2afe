using MediatR;

namespace Monolith.Modules.Chat.Features.ListConversations;

internal sealed record ListConversations(Guid UserId, int Page, int PageSize) : IRequest<ConversationPage>;

internal sealed record ConversationPage(IReadOnlyList<ConversationResponse> Items, int Page, int PageSize, int Total);
