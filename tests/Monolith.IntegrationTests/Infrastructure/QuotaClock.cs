namespace Monolith.IntegrationTests.Infrastructure;

/// <summary>The quotas' clock in a test host: stands still unless a test moves it, so a window never ends mid-test.</summary>
public sealed class QuotaClock : TimeProvider
{
    private DateTimeOffset _now = TimeProvider.System.GetUtcNow();

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;

    /// <summary>To the start of the next minute: a fresh window for every minute meter.</summary>
    public void NextMinute() => _now = new DateTimeOffset(_now.Year, _now.Month, _now.Day, _now.Hour, _now.Minute, 0, TimeSpan.Zero).AddMinutes(1);

    /// <summary>To the start of the next day (UTC): a fresh window for every meter.</summary>
    public void NextDay() => _now = new DateTimeOffset(_now.Year, _now.Month, _now.Day, 0, 0, 0, TimeSpan.Zero).AddDays(1);
}
