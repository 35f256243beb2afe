using System.ClientModel.Primitives;
using MediatR;
using Monolith.Modules.Chat.Answering;
using Monolith.Modules.Chat.Models;

namespace Monolith.Modules.Chat.Features.ChatCompletions;

internal sealed record CreateChatCompletion(Guid UserId, ChatCompletionRequest Request) : IRequest<CompletionRun>;

/// <summary>The model that answers, and how: <see cref="AnsweredRun"/> or <see cref="RelayedRun"/>.</summary>
internal abstract record CompletionRun(ChatModel Model);

/// <summary>Answered through Microsoft.Extensions.AI: the answer's event stream (deltas, then <see cref="AnswerCompleted"/>).</summary>
internal sealed record AnsweredRun(ChatModel Model, IAsyncEnumerable<AnswerEvent> Events) : CompletionRun(Model);

/// <summary>
/// Relayed to the upstream as sent: its response (headers read; streamed or buffered), the sources the prompt numbered,
/// and where the tokens the upstream reports (input, or null when it reported none: estimated; output) are recorded once read.
/// </summary>
internal sealed record RelayedRun(ChatModel Model, PipelineResponse Response, IReadOnlyList<Source> Sources, Func<long?, long, Task> RecordUsage) : CompletionRun(Model);
