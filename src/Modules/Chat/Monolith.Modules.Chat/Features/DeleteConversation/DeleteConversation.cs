using MediatR;

namespace Monolith.Modules.Chat.Features.DeleteConversation;

internal sealed record DeleteConversation(Guid UserId, Guid ConversationId) : IRequest<Unit>;
