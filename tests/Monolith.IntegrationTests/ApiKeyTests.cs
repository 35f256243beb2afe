using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Monolith.IntegrationTests.Infrastructure;

namespace Monolith.IntegrationTests;

[Collection(HostCollection.Name)]
public sealed class ApiKeyTests(HostFixture host)
{
    private readonly MonolithFactory _factory = host.Factory;

    [Fact]
    public async Task Create_returns_201_with_the_key_and_its_prefix()
    {
        var (_, client) = await _factory.NewUserClientAsync();

        using var response = await client.PostAsJsonAsync("/api/v1/users/me/api-keys", new { name = "laptop" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.ReadJsonAsync();
        var id = body["id"]!.GetValue<Guid>();
        var key = body["key"]!.GetValue<string>();
        var prefix = body["prefix"]!.GetValue<string>();
        Assert.Equal($"/api/v1/users/me/api-keys/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("laptop", body["name"]!.GetValue<string>());
        Assert.StartsWith("sk-", key, StringComparison.Ordinal);
        Assert.StartsWith("sk-", prefix, StringComparison.Ordinal);
        Assert.StartsWith(prefix, key, StringComparison.Ordinal);
        Assert.True(prefix.Length < key.Length);
    }

    [Fact]
    public async Task List_shows_the_keys_without_their_secrets()
    {
        var (_, client) = await _factory.NewUserClientAsync();
        var first = await CreateKeyAsync(client, "one");
        var second = await CreateKeyAsync(client, "two");

        using var response = await client.GetAsync("/api/v1/users/me/api-keys");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var items = (await response.ReadJsonAsync())["items"]!.AsArray().Select(item => item!.AsObject()).ToList();
        Assert.Equal(new[] { first.Id, second.Id }, items.Select(item => item["id"]!.GetValue<Guid>()));
        Assert.Equal(new[] { "one", "two" }, items.Select(item => item["name"]!.GetValue<string>()));
        Assert.All(items, item =>
        {
            Assert.False(item.ContainsKey("key"));
            Assert.False(item.ContainsKey("hash"));
            Assert.StartsWith("sk-", item["prefix"]!.GetValue<string>(), StringComparison.Ordinal);
        });
        Assert.DoesNotContain(first.Key, text, StringComparison.Ordinal);
        Assert.DoesNotContain(second.Key, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_key_authenticates_as_its_owner_and_records_its_last_use()
    {
        var (user, client) = await _factory.NewUserClientAsync();
        var key = await CreateKeyAsync(client, "ci");
        Assert.Null((await ListAsync(client)).Single()["lastUsedAt"]?.GetValue<DateTimeOffset>());

        using var keyClient = _factory.CreateClient(key.Key);
        using var response = await keyClient.GetAsync("/api/v1/users/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(user.Id, (await response.ReadJsonAsync())["id"]!.GetValue<Guid>());
        var lastUsedAt = (await ListAsync(client)).Single()["lastUsedAt"]?.GetValue<DateTimeOffset>();
        Assert.NotNull(lastUsedAt);
        Assert.InRange(lastUsedAt.Value, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task Revoke_returns_204_and_the_key_stops_working_at_once()
    {
        var (_, client) = await _factory.NewUserClientAsync();
        var key = await CreateKeyAsync(client, "ci");
        using var keyClient = _factory.CreateClient(key.Key);
        using (var before = await keyClient.GetAsync("/api/v1/users/me"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var revoke = await client.DeleteAsync($"/api/v1/users/me/api-keys/{key.Id}");

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        using var after = await keyClient.GetAsync("/api/v1/users/me");
        await Problem.AssertStatusAsync(after, HttpStatusCode.Unauthorized);
        Assert.Empty(await ListAsync(client));
    }

    [Fact]
    public async Task Revoking_another_users_key_is_404_and_leaves_it_working()
    {
        var (_, owner) = await _factory.NewUserClientAsync();
        var (_, other) = await _factory.NewUserClientAsync();
        var key = await CreateKeyAsync(owner, "mine");

        using var response = await other.DeleteAsync($"/api/v1/users/me/api-keys/{key.Id}");

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, "not-found", "Resource not found");
        using var keyClient = _factory.CreateClient(key.Key);
        using var stillWorks = await keyClient.GetAsync("/api/v1/users/me");
        Assert.Equal(HttpStatusCode.OK, stillWorks.StatusCode);
    }

    [Fact]
    public async Task Revoking_an_unknown_key_is_404()
    {
        var (_, client) = await _factory.NewUserClientAsync();

        using var response = await client.DeleteAsync($"/api/v1/users/me/api-keys/{Guid.NewGuid()}");

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, "not-found", "Resource not found");
    }

    [Fact]
    public async Task Revoking_a_non_guid_id_is_404()
    {
        var (_, client) = await _factory.NewUserClientAsync();

        using var response = await client.DeleteAsync("/api/v1/users/me/api-keys/not-a-guid");

        await Problem.AssertStatusAsync(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Create_without_a_name_is_400(string name)
    {
        var (_, client) = await _factory.NewUserClientAsync();

        using var response = await client.PostAsJsonAsync("/api/v1/users/me/api-keys", new { name });

        await Problem.AssertValidationAsync(response, "name");
    }

    private static async Task<(Guid Id, string Key)> CreateKeyAsync(HttpClient client, string name)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/users/me/api-keys", new { name });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.ReadJsonAsync();
        return (body["id"]!.GetValue<Guid>(), body["key"]!.GetValue<string>());
    }

    private static async Task<List<JsonObject>> ListAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/api/v1/users/me/api-keys");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadJsonAsync())["items"]!.AsArray().Select(item => item!.AsObject()).ToList();
    }
}
