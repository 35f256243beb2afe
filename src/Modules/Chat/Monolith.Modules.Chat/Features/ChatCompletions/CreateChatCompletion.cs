using MediatR;
using Monolith.Modules.Chat.Answering;
using Monolith.Modules.Chat.Models;

namespace Monolith.Modules.Chat.Features.ChatCompletions;

internal sealed record CreateChatCompletion(Guid UserId, ChatCompletionRequest Request) : IRequest<CompletionRun>;

/// <summary>The model that answers and the answer's event stream (deltas, then <see cref="AnswerCompleted"/>).</summary>
internal sealed record CompletionRun(ChatModel Model, IAsyncEnumerable<AnswerEvent> Events);
