namespace Monolith.IntegrationTests.Infrastructure;

/// <summary>
/// The UTC day of an answer by the server's own clock (its Date header), for tests of what a day counts (daily quotas,
/// tokens today): one whose first and last answers fall on different days saw midnight pass, and runs once more
/// (midnight cannot pass twice within a test).
/// </summary>
public static class ServerDay
{
    public static DateOnly Of(HttpResponseMessage response) =>
        DateOnly.FromDateTime((response.Headers.Date ?? throw new InvalidOperationException("The answer has no Date header.")).UtcDateTime);

    /// <summary>Runs <paramref name="attempt"/> (which answers the days of its first and last answers) until both are one day, at most twice.</summary>
    public static async Task<T> WithinOneAsync<T>(Func<Task<(T Result, DateOnly First, DateOnly Last)>> attempt)
    {
        var (result, first, last) = await attempt();
        return first == last ? result : (await attempt()).Result;
    }
}
