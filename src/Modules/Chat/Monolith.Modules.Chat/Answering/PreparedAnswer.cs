using Microsoft.Extensions.AI;

namespace Monolith.Modules.Chat.Answering;

/// <summary>What goes to the model: the prompt, the options, and the sources the prompt numbers.</summary>
internal sealed record PreparedAnswer(IReadOnlyList<ChatMessage> Messages, ChatOptions Options, IReadOnlyList<Source> Sources);
