using System.Net;
using Monolith.IntegrationTests.Infrastructure;

namespace Monolith.IntegrationTests;

/// <summary>
/// A newcomer's first screen: the first start on a fresh database, and its first requests, log no failure or warning
/// (EF Core used to log four <c>fail:</c> entries probing migration history tables that did not exist yet).
/// </summary>
public sealed class FirstStartTests
{
    [Fact]
    public async Task A_first_start_on_a_fresh_database_logs_no_warning_or_failure()
    {
        var logs = new CapturingLoggerProvider();
        await using var factory = await MonolithFactory.StartAsync(new TestHostOptions { LoggerProvider = logs });
        var (_, client) = await factory.NewUserClientAsync();
        using var _ = client;
        using var ready = await client.GetAsync("/health/ready");
        using var me = await client.GetAsync("/api/v1/users/me");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);

        var alarming = logs.Entries.Where(entry => entry.StartsWith("Warning ", StringComparison.Ordinal)
            || entry.StartsWith("Error ", StringComparison.Ordinal) || entry.StartsWith("Critical ", StringComparison.Ordinal)).ToList();
        Assert.True(alarming.Count == 0, $"{alarming.Count} warnings or failures:\n" + string.Join("\n", alarming.Select(e => e[..Math.Min(e.Length, 400)])));
    }
}
