using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Monolith.BuildingBlocks.Quotas;

/// <summary>
/// OpenAI's rate-limit headers: <c>x-ratelimit-limit-requests</c>, <c>-remaining-requests</c>, <c>-reset-requests</c>
/// and the same for tokens, each for the tightest meter; the reset as OpenAI writes durations ("1s", "6m0s", "1h2m3s").
/// A trio is left out when nothing limits it.
/// </summary>
public static class RateLimitHeaders
{
    public static void Write(IHeaderDictionary headers, RequestQuota quota, DateTimeOffset now)
    {
        Write(headers, "requests", quota.Requests, now);
        Write(headers, "tokens", quota.Tokens, now);
    }

    public static string Duration(TimeSpan wait)
    {
        var seconds = Math.Max(0, (long)Math.Ceiling(wait.TotalSeconds));
        var (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
        return h > 0 ? $"{h}h{m}m{s}s" : m > 0 ? $"{m}m{s}s" : $"{s}s";
    }

    private static void Write(IHeaderDictionary headers, string unit, MeterReading? reading, DateTimeOffset now)
    {
        if (reading is null)
        {
            return;
        }

        headers["x-ratelimit-limit-" + unit] = reading.Meter.Limit.ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-remaining-" + unit] = reading.Remaining.ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-reset-" + unit] = Duration(reading.ResetsAt - now);
    }
}
