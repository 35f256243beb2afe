using System.Net;
using Monolith.IntegrationTests.Infrastructure;

namespace Monolith.IntegrationTests;

/// <summary>A host of its own with RateLimits:Authentication:PermitLimit = 3.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task The_fourth_login_attempt_in_the_window_is_429_with_retry_after()
    {
        await using var factory = await MonolithFactory.StartAsync(new TestHostOptions { AuthenticationPermitLimit = 3 });
        using var client = factory.CreateClient();
        var email = Api.NewEmail();

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            using var allowed = await client.RequestTokenAsync(email, "wrong password here");
            await Problem.AssertAsync(allowed, HttpStatusCode.Unauthorized, "unauthorized");
        }

        using var limited = await client.RequestTokenAsync(email, "wrong password here");

        await Problem.AssertAsync(limited, HttpStatusCode.TooManyRequests, "rate-limited", "Too many requests");
        var retryAfter = limited.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
    }
}
