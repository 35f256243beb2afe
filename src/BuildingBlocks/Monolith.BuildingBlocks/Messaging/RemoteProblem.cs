using System.Text.Json;
using Monolith.BuildingBlocks.Application;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.RemoteInvocation;

namespace Monolith.BuildingBlocks.Messaging;

/// <summary>
/// A <see cref="ProblemException"/> thrown by a handler that answers a request from another process travels
/// back to the caller (in Wolverine's failure acknowledgement) and is thrown there again, so the client gets the
/// remote status, type, title and detail unchanged, as it would from the monolith, instead of a bare 502. The
/// request is then done, not a dead letter: it was answered, with a problem.
/// </summary>
public static class RemoteProblem
{
    // Wolverine prefixes a failure acknowledgement's text ("Request failed: …"); the problem follows this marker.
    private const string Marker = "monolith-problem:";

    private sealed record Encoded(int Status, string Type, string Title, string Detail, string? Param);

    /// <summary>The problem an exception stands for: a local <see cref="ProblemException"/> or one a remote handler sent back.</summary>
    public static ProblemException? Of(Exception exception) => exception switch
    {
        ProblemException problem => problem,
        WolverineRequestReplyException remote => Decode(remote.Message),
        _ => null,
    };

    public static void Configure(WolverineOptions options) =>
        options.OnException(exception => Of(exception) is not null).CustomAction(async (_, lifecycle, exception) =>
        {
            if (lifecycle.Envelope?.ReplyUri is null)
            {
                await lifecycle.MoveToDeadLetterQueueAsync(exception); // nobody waits for an answer: keep the message
                return;
            }

            await lifecycle.SendFailureAcknowledgementAsync(Encode(Of(exception)!));
            await lifecycle.CompleteAsync();
        }, "Answer the remote caller with the problem");

    internal static string Encode(ProblemException problem) =>
        Marker + JsonSerializer.Serialize(new Encoded(problem.Status, problem.Type, problem.Title, problem.Message, problem.Param));

    internal static ProblemException? Decode(string failure)
    {
        var start = failure.IndexOf(Marker, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        var encoded = JsonSerializer.Deserialize<Encoded>(failure.AsSpan(start + Marker.Length));
        return encoded is null ? null : new ProblemException(encoded.Status, encoded.Type, encoded.Title, encoded.Detail) { Param = encoded.Param };
    }
}
