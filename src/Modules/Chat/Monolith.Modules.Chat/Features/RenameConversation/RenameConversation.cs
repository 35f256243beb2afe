using MediatR;

namespace Monolith.Modules.Chat.Features.RenameConversation;

internal sealed record RenameConversationRequest(string Title);

internal sealed record RenameConversation(Guid UserId, Guid ConversationId, string Title) : IRequest<ConversationResponse>;
