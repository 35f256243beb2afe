using MediatR;
using Monolith.Modules.Chat.Features.ChatCompletions;

namespace Monolith.Modules.Chat.Features.Responses;

internal sealed record PrepareResponse(Guid UserId, ResponseRequest Request) : IRequest<PreparedResponse>;

/// <summary>The chat completion a Responses request means, and the conversation it continues (instructions excluded), to store with its answer.</summary>
internal sealed record PreparedResponse(ChatCompletionRequest Completion, IReadOnlyList<CompletionMessage> Conversation);
