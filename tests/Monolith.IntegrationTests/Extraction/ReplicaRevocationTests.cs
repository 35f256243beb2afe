using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Monolith.IntegrationTests.Infrastructure;
using Monolith.IntegrationTests.Search;

namespace Monolith.IntegrationTests.Extraction;

/// <summary>
/// Two copies of the whole monolith over one database (replicas behind a load balancer). Each remembers its callers,
/// here for five minutes, and no broadcast reaches a copy that runs Users itself: only the revocation epoch read in
/// each request's quota statement (ADR 53) can make a revocation through one copy hold on the other's very next
/// request, which this test sends without waiting or retrying.
/// </summary>
public sealed class ReplicaRevocationTests
{
    private const string AdminEmail = "replica-admin@example.test";
    private static readonly string[] Monolith = ["Users", "Embeddings", "Search", "Chat"];

    [Fact]
    public async Task A_key_revoked_limits_set_and_an_account_deleted_through_one_replica_hold_on_the_others_next_request()
    {
        var settings = new Dictionary<string, string> { ["Auth__CallerCache__Seconds"] = "300", ["Users__AdminEmails__0"] = AdminEmail };
        await using var shape = await PlatformShape.StartAsync(settings, Monolith, Monolith);
        using var first = shape.Process(0).CreateClient();
        using var second = shape.Process(1).CreateClient();
        var user = await first.RegisterUserAsync();
        var token = await first.TokenAsync(user);
        await first.RegisterUserAsync(AdminEmail);
        using var admin = Bearer(shape.Process(0), await first.TokenAsync(new TestUser(Guid.Empty, AdminEmail, Api.Password)));
        using var owner = Bearer(shape.Process(0), token);
        using var created = await owner.PostAsJsonAsync("/api/v1/users/me/api-keys", new { name = "revoked soon" });
        var key = await created.ReadJsonAsync();
        using var keyOnSecond = Bearer(shape.Process(1), key["key"]!.GetValue<string>());
        using var tokenOnSecond = Bearer(shape.Process(1), token);

        // Both credentials now in the second copy's cache (the second request of each is served from it).
        foreach (var client in new[] { keyOnSecond, keyOnSecond, tokenOnSecond, tokenOnSecond })
        {
            using var allowed = await client.GetAsync("/v1/models");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
            Assert.NotEqual("5000", Header(allowed, "x-ratelimit-limit-requests")); // the shape's default, about to be changed
        }

        using (var revoked = await owner.DeleteAsync($"/api/v1/users/me/api-keys/{key["id"]}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        }

        using (var rejected = await keyOnSecond.GetAsync("/v1/models"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, rejected.StatusCode);
        }

        using (var set = await admin.PutAsJsonAsync($"/api/v1/admin/users/{user.Id}/limits", new { requestsPerMinute = 5000 }))
        {
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        }

        using (var limited = await tokenOnSecond.GetAsync("/v1/models"))
        {
            Assert.Equal(HttpStatusCode.OK, limited.StatusCode);
            Assert.Equal("5000", Header(limited, "x-ratelimit-limit-requests"));
        }

        using (var deleted = await owner.DeleteAsync("/api/v1/users/me"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        using var gone = await tokenOnSecond.GetAsync("/v1/models");
        Assert.Equal(HttpStatusCode.Unauthorized, gone.StatusCode);
    }

    private static HttpClient Bearer(HostProcess process, string credential)
    {
        var client = process.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", credential);
        return client;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : null;
}
