using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.AI;
using Monolith.Modules.Chat.Models;

namespace Monolith.Modules.Chat.Answering;

internal static class AnswerRun
{
    /// <summary>
    /// Streams deltas, then an <see cref="AnswerCompleted"/> with the citations the text used and the
    /// usage (the upstream's, or estimated). <paramref name="onInterrupted"/> receives the partial text and
    /// the citations it already made when the stream ends early after some text (client gone, upstream
    /// failure), so it can still be kept. <paramref name="recordUsage"/> receives what the answer spent, also when it
    /// was cut short (then estimated). An answer that reaches <paramref name="maxOutputTokens"/> (the caller's token
    /// budget) ends there, cleanly, with finish reason "length".
    /// </summary>
    public static async IAsyncEnumerable<AnswerEvent> RunAsync(
        ChatModel model, PreparedAnswer prepared, Func<string, IReadOnlyList<Data.Citation>, Task> onInterrupted, Func<UsageDetails, Task> recordUsage,
        int? maxOutputTokens, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        UsageDetails? usage = null;
        var finish = ChatFinishReason.Stop;
        var completed = false;
        try
        {
            await foreach (var update in ModelCalls.StreamAsync(model, prepared, cancellationToken))
            {
                usage = update.Contents.OfType<UsageContent>().LastOrDefault()?.Details ?? usage;
                finish = update.FinishReason ?? finish;
                var piece = update.Text;
                if (string.IsNullOrEmpty(piece))
                {
                    continue;
                }

                // Tokens are counted as the answer's usage counts them (four characters each): the cut is at the budget.
                var over = maxOutputTokens is { } cap && Answerer.Tokens(text.Length + piece.Length) > cap;
                if (over)
                {
                    piece = piece[..Math.Clamp((maxOutputTokens!.Value * 4) - text.Length, 0, piece.Length)];
                }

                if (piece.Length > 0)
                {
                    text.Append(piece);
                    yield return new AnswerDelta(piece);
                }

                if (over)
                {
                    (finish, usage) = (ChatFinishReason.Length, null); // the upstream's usage, if any came, was not the whole stream's
                    break;
                }
            }

            completed = true;
        }
        finally
        {
            if (!completed && text.Length > 0)
            {
                await onInterrupted(text.ToString(), Answerer.CitationsIn(text.ToString(), prepared.Sources));
                await recordUsage(usage ?? Estimate(prepared, text.ToString()));
            }
        }

        var answer = text.ToString();
        usage ??= Estimate(prepared, answer);
        usage.TotalTokenCount ??= (usage.InputTokenCount ?? 0) + (usage.OutputTokenCount ?? 0);
        await recordUsage(usage);
        yield return new AnswerCompleted(answer, Answerer.CitationsIn(answer, prepared.Sources), usage, finish);
    }

    private static UsageDetails Estimate(PreparedAnswer prepared, string answer) => new()
    {
        InputTokenCount = prepared.Messages.Sum(m => Answerer.Tokens(m.Text)),
        OutputTokenCount = Answerer.Tokens(answer),
    };

    /// <summary>Runs the answer to its end, for a client that wants it whole.</summary>
    public static async Task<AnswerCompleted> CompletedAsync(this IAsyncEnumerable<AnswerEvent> events, CancellationToken cancellationToken)
    {
        AnswerCompleted? completed = null;
        await foreach (var answerEvent in events.WithCancellation(cancellationToken))
        {
            completed = answerEvent as AnswerCompleted ?? completed;
        }

        return completed!;
    }
}
