using MediatR;

namespace Monolith.Modules.Chat.Features.GetConversation;

internal sealed record GetConversation(Guid UserId, Guid ConversationId) : IRequest<ConversationResponse>;
