using Microsoft.Extensions.AI;

namespace Monolith.Modules.Chat.Answering;

/// <summary>A piece of a streamed answer, then one final event.</summary>
internal abstract record AnswerEvent;

internal sealed record AnswerDelta(string Text) : AnswerEvent;

internal sealed record AnswerCompleted(string Text, IReadOnlyList<Data.Citation> Citations, UsageDetails Usage, ChatFinishReason FinishReason) : AnswerEvent;
