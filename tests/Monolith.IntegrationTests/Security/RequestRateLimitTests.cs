using System.Net;
using Monolith.IntegrationTests.Infrastructure;

namespace Monolith.IntegrationTests.Security;

/// <summary>A host of its own with RateLimits:Requests:PermitLimit = 5 per user (or per address when anonymous).</summary>
public sealed class RequestRateLimitTests
{
    private const int Permits = 5;

    [Fact]
    public async Task Each_user_and_each_anonymous_address_gets_its_own_quota_then_429_with_retry_after()
    {
        await using var factory = await MonolithFactory.StartAsync(new TestHostOptions { RequestPermitLimit = Permits });
        // Four anonymous requests from this address: two registrations and two logins.
        var (_, first) = await factory.NewUserClientAsync();
        var (_, second) = await factory.NewUserClientAsync();

        for (var request = 1; request <= Permits; request++)
        {
            using var allowed = await first.GetAsync("/api/v1/users/me");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var limited = await first.GetAsync("/api/v1/users/me");
        await Problem.AssertAsync(limited, HttpStatusCode.TooManyRequests, "rate-limited", "Too many requests");
        Assert.InRange(limited.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));

        // Another user is counted apart, whatever the address.
        using (var other = await second.GetAsync("/api/v1/users/me"))
        {
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        }

        // Anonymous callers share their address's quota: one left of five, then 429.
        using var anonymous = factory.CreateClient();
        using (var last = await anonymous.GetAsync("/api/v1/users/me"))
        {
            await Problem.AssertStatusAsync(last, HttpStatusCode.Unauthorized);
        }

        using (var over = await anonymous.GetAsync("/api/v1/users/me"))
        {
            await Problem.AssertAsync(over, HttpStatusCode.TooManyRequests, "rate-limited");
            Assert.NotNull(over.Headers.RetryAfter);
        }

        // Health probes are never throttled.
        using var health = await anonymous.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
