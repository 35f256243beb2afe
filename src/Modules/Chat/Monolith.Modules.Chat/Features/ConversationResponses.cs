using Monolith.Modules.Chat.Data;

namespace Monolith.Modules.Chat.Features;

internal sealed record ConversationResponse(
    Guid Id, string Title, IReadOnlyList<Guid> CollectionIds, string? SystemPrompt, string Model,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<MessageResponse>? Messages = null)
{
    public static ConversationResponse From(Conversation conversation, IReadOnlyList<MessageResponse>? messages = null) => new(
        conversation.Id, conversation.Title, conversation.CollectionIds, conversation.SystemPrompt, conversation.Model,
        conversation.CreatedAt, conversation.UpdatedAt, messages);
}

internal sealed record MessageResponse(
    Guid Id, string Role, string Content, IReadOnlyList<Citation> Citations, string? Model, MessageUsage Usage, bool Incomplete, DateTimeOffset CreatedAt)
{
    public static MessageResponse From(StoredMessage message) => new(
        message.Id, message.Role, message.Content, message.Citations, message.Model,
        new MessageUsage(message.PromptTokens, message.CompletionTokens, message.PromptTokens + message.CompletionTokens),
        message.Incomplete, message.CreatedAt);
}

internal sealed record MessageUsage(int PromptTokens, int CompletionTokens, int TotalTokens);
