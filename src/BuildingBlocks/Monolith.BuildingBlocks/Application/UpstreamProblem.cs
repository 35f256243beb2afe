using System.ClientModel;
using System.Text.Json;

namespace Monolith.BuildingBlocks.Application;

/// <summary>
/// Failures of OpenAI-compatible upstreams (called through the OpenAI SDK) as clear problems:
/// HTTP errors, invalid answers and answers over the size bound → 502, timeouts → 504. Shared by every module that calls a model.
/// </summary>
public static class UpstreamProblem
{
    /// <summary>
    /// The problem for what the OpenAI client threw, or null if it is none of its failures. When every try failed
    /// with an exception (timeouts, refused connections), System.ClientModel's retry policy throws an
    /// AggregateException of them all; the last one decides.
    /// </summary>
    public static ProblemException? For(string model, Exception exception, CancellationToken cancellationToken) => exception switch
    {
        AggregateException { InnerExceptions.Count: > 0 } retried => For(model, retried.InnerExceptions[^1], cancellationToken),
        ClientResultException failed => Failed(model, failed),
        UpstreamResponseTooLargeException tooLarge => TooLarge(model, tooLarge.MaxBytes),
        OperationCanceledException when !cancellationToken.IsCancellationRequested => TimedOut(model),
        JsonException => Garbled(model), // a 200 that is not JSON, e.g. a proxy's error page
        _ => null,
    };

    public static ProblemException Failed(string model, ClientResultException exception) => new(
        502, "upstream-error", "Upstream model failed",
        $"The upstream of model '{model}' answered HTTP {exception.Status}{(exception.Status == 0 ? " (no response)" : "")}.");

    private static ProblemException TooLarge(string model, long maxBytes) => new(
        502, "upstream-error", "Upstream model failed", $"The upstream answer of model '{model}' exceeded {maxBytes} bytes.");

    public static ProblemException TimedOut(string model) => new(
        504, "upstream-timeout", "Upstream model timed out", $"The upstream of model '{model}' did not answer in time.");

    public static ProblemException Garbled(string model) => new(
        502, "upstream-error", "Upstream model failed", $"The upstream of model '{model}' returned an invalid response.");
}
