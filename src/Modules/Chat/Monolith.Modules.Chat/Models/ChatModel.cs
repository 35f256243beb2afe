using Microsoft.Extensions.AI;

namespace Monolith.Modules.Chat.Models;

internal sealed class ChatModel
{
    public required string Name { get; init; }
    public required string OwnedBy { get; init; }
    public required IChatClient Client { get; init; }
    public required int ContextTokens { get; init; }
    public required int MaxAnswerTokens { get; init; }
}
