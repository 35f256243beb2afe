using System.Net;
using System.Text;
using Monolith.IntegrationTests.Infrastructure;

namespace Monolith.IntegrationTests;

/// <summary>A host of its own with Limits:MaxRequestBodyBytes = 4096, enforced by Kestrel.</summary>
public sealed class BodyLimitTests
{
    [Fact]
    public async Task A_body_over_the_limit_is_413_and_one_under_it_is_processed()
    {
        await using var factory = await MonolithFactory.StartAsync(new TestHostOptions { MaxRequestBodyBytes = 4096 });
        using var client = factory.CreateClient();

        using var large = new StringContent($$"""{"email":"{{new string('a', 5000)}}@example.test","password":"x"}""", Encoding.UTF8, "application/json");
        using var tooLarge = await client.PostAsync("/api/v1/auth/token", large);
        await Problem.AssertStatusAsync(tooLarge, HttpStatusCode.RequestEntityTooLarge);

        using var small = new StringContent($$"""{"email":"{{new string('a', 3000)}}@example.test","password":"x"}""", Encoding.UTF8, "application/json");
        using var underLimit = await client.PostAsync("/api/v1/auth/token", small);
        await Problem.AssertValidationAsync(underLimit, "email");
    }
}
