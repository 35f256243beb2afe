namespace Monolith.BuildingBlocks.Quotas;

/// <summary>How long a counter counts before it starts again from zero.</summary>
public enum QuotaWindow
{
    Minute,
    Day,
}

/// <summary>What a meter counts: requests, or tokens of model calls.</summary>
public enum QuotaUnit
{
    Requests,
    Tokens,
}

/// <summary>
/// One limit on one subject (a user or an API key): at most <paramref name="Limit"/> of <paramref name="Metric"/>
/// (e.g. "requests", "chat.tokens") per <paramref name="Window"/>.
/// </summary>
public sealed record QuotaMeter(Guid Subject, string Metric, QuotaUnit Unit, QuotaWindow Window, long Limit)
{
    public static DateTimeOffset WindowStart(QuotaWindow window, DateTimeOffset now) => window == QuotaWindow.Minute
        ? new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero)
        : new DateTimeOffset(now.Year, now.Month, now.Day, 0, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset WindowEnd(QuotaWindow window, DateTimeOffset now) =>
        WindowStart(window, now) + (window == QuotaWindow.Minute ? TimeSpan.FromMinutes(1) : TimeSpan.FromDays(1));
}

/// <summary>A meter with what its window has counted so far (this request included).</summary>
public sealed record MeterReading(QuotaMeter Meter, long Used, DateTimeOffset ResetsAt)
{
    public long Remaining => Math.Max(0, Meter.Limit - Used);

    public bool Exceeded => Used > Meter.Limit;
}
