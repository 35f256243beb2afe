using System.Net;
using System.Net.Http.Json;
using Monolith.IntegrationTests.Infrastructure;

namespace Monolith.IntegrationTests;

/// <summary>
/// Hosts of their own with RateLimits:Login:AddressFailures = 3, all clients on 127.0.0.1, each claiming an
/// address with X-Forwarded-For as a proxy in front of the host would: whose limit a failed login counts against.
/// </summary>
public sealed class ForwardedHeadersTests
{
    [Fact]
    public async Task An_untrusted_peer_cannot_pick_its_address_with_X_Forwarded_For()
    {
        await using var factory = await MonolithFactory.StartAsync(new TestHostOptions { LoginAddressFailures = 3 });
        using var client = factory.CreateClient();

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            using var allowed = await LoginFromAsync(client, $"203.0.113.{attempt}");
            await Problem.AssertAsync(allowed, HttpStatusCode.Unauthorized, "unauthorized");
        }

        using var limited = await LoginFromAsync(client, "203.0.113.4");
        await Problem.AssertAsync(limited, HttpStatusCode.TooManyRequests, "rate-limited");
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_each_client_address_has_its_own_limit()
    {
        await using var factory = await MonolithFactory.StartAsync(new TestHostOptions
        {
            LoginAddressFailures = 3,
            Settings = new Dictionary<string, string?> { ["ForwardedHeaders:TrustedProxies"] = "127.0.0.1" },
        });
        using var client = factory.CreateClient();

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            using var allowed = await LoginFromAsync(client, "203.0.113.1");
            await Problem.AssertAsync(allowed, HttpStatusCode.Unauthorized, "unauthorized");
        }

        using var limited = await LoginFromAsync(client, "203.0.113.1");
        await Problem.AssertAsync(limited, HttpStatusCode.TooManyRequests, "rate-limited");
        using var otherClient = await LoginFromAsync(client, "203.0.113.2");
        await Problem.AssertAsync(otherClient, HttpStatusCode.Unauthorized, "unauthorized");
    }

    /// <summary>A failed login (unknown account) as a proxy would forward it for <paramref name="clientAddress"/>.</summary>
    internal static Task<HttpResponseMessage> LoginFromAsync(HttpClient client, string clientAddress)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/token")
        {
            Content = JsonContent.Create(new { email = Api.NewEmail(), password = "wrong password here" }),
        };
        request.Headers.Add("X-Forwarded-For", clientAddress);
        return client.SendAsync(request);
    }
}
