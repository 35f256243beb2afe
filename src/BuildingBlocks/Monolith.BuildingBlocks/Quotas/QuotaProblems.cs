using Monolith.BuildingBlocks.Application;
using Monolith.BuildingBlocks.Web;

namespace Monolith.BuildingBlocks.Quotas;

/// <summary>
/// The 429 of an exceeded limit, with <c>Retry-After</c> (seconds until the meter's window ends). On <c>/v1</c> it
/// becomes OpenAI's error: <c>rate_limit_exceeded</c> (type "requests" or "tokens"), or <c>insufficient_quota</c>
/// when the day's tokens are spent.
/// </summary>
public static class QuotaProblems
{
    public const string RequestsType = "rate-limited";
    public const string TokensType = "tokens-rate-limited";
    public const string DailyTokensType = "insufficient-quota";

    /// <summary>The 429 for <paramref name="reading"/>; <paramref name="needed"/>: what a request refused before it spends needs.</summary>
    public static ProblemException For(MeterReading reading, TimeProvider clock, long? needed = null)
    {
        var wait = reading.ResetsAt - clock.GetUtcNow();
        var seconds = RetryAfterHeader.Seconds(wait);
        var subject = reading.Meter.Metric.Contains('.', StringComparison.Ordinal) ? reading.Meter.Metric.Split('.')[0] + " " : "";
        return reading.Meter switch
        {
            { Unit: QuotaUnit.Requests } => new ProblemException(429, RequestsType, "Too many requests",
                $"At most {reading.Meter.Limit} {subject}requests a minute. Try again in {seconds} s.")
            { RetryAfter = wait },
            { Window: QuotaWindow.Day } => new ProblemException(429, DailyTokensType, "Daily token quota used up",
                (reading.Remaining > 0 && needed is { } tokens
                    ? $"This request needs {tokens} tokens, and {reading.Remaining} of the day's {reading.Meter.Limit} {subject}tokens remain."
                    : $"The day's {reading.Meter.Limit} {subject}tokens are used up.")
                + $" The budget starts again in {seconds} s (midnight UTC).")
            { RetryAfter = wait },
            _ => new ProblemException(429, TokensType, "Too many tokens",
                $"At most {reading.Meter.Limit} {subject}tokens a minute. Try again in {seconds} s.")
            { RetryAfter = wait },
        };
    }
}
