using MediatR;

namespace Monolith.Modules.Chat.Features.CreateConversation;

internal sealed record CreateConversationRequest(string? Title, IReadOnlyList<Guid>? CollectionIds, string? SystemPrompt, string? Model);

internal sealed record CreateConversation(Guid UserId, CreateConversationRequest Request) : IRequest<ConversationResponse>;
