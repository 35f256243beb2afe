using Microsoft.Extensions.AI;

namespace Monolith.Modules.Chat.Models;

internal sealed class ChatModel
{
    public required string Name { get; init; }
    public required string OwnedBy { get; init; }
    public required IChatClient Client { get; init; }

    /// <summary>The raw OpenAI-compatible upstream, for requests relayed as they are; null for the built-in model.</summary>
    public UpstreamChat? Upstream { get; init; }
    public required int ContextTokens { get; init; }
    public required int MaxAnswerTokens { get; init; }
}

/// <summary>An OpenAI-compatible upstream: its client (protocol methods relay JSON as it is), the model id it knows, and whether it takes tools.</summary>
internal sealed record UpstreamChat(OpenAI.Chat.ChatClient Client, string Model, bool SupportsTools);
