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

    [Fact]
    public async Task Scopes_and_expiry_are_returned_at_creation_and_listed_and_a_key_without_them_shows_none()
    {
        var (_, client) = await _factory.NewUserClientAsync();
        var expiresAt = new DateTimeOffset(2099, 1, 2, 3, 4, 5, TimeSpan.FromHours(2));
        using var created = await client.PostAsJsonAsync("/api/v1/users/me/api-keys",
            new { name = "reader", scopes = new[] { "search:read", "chat", "chat" }, expiresAt });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.ReadJsonAsync();
        Assert.Equal(["search:read", "chat"], body["scopes"]!.AsArray().Select(scope => scope!.GetValue<string>()));
        Assert.Equal(expiresAt, body["expiresAt"]!.GetValue<DateTimeOffset>());
        await CreateKeyAsync(client, "everything");

        var items = await ListAsync(client);

        Assert.Equal(["search:read", "chat"], items[0]["scopes"]!.AsArray().Select(scope => scope!.GetValue<string>()));
        Assert.Equal(expiresAt, items[0]["expiresAt"]!.GetValue<DateTimeOffset>());
        Assert.False(items[0]["expired"]!.GetValue<bool>());
        Assert.Null(items[1]["scopes"]);
        Assert.Null(items[1]["expiresAt"]);
        Assert.False(items[1]["expired"]!.GetValue<bool>());
    }

    [Fact]
    public async Task An_expired_key_is_401_saying_so_on_both_surfaces_and_listed_as_expired()
    {
        var (_, client) = await _factory.NewUserClientAsync();
        var expiresAt = DateTimeOffset.UtcNow.AddSeconds(2);
        using var created = await client.PostAsJsonAsync("/api/v1/users/me/api-keys", new { name = "short", expiresAt });
        var key = (await created.ReadJsonAsync())["key"]!.GetValue<string>();
        var wait = expiresAt - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait + TimeSpan.FromMilliseconds(100));
        }

        using var keyClient = _factory.CreateClient(key);
        using var me = await keyClient.GetAsync("/api/v1/users/me");
        using var models = await keyClient.GetAsync("/v1/models");

        var problem = await Problem.AssertAsync(me, HttpStatusCode.Unauthorized, "api-key-expired", "API key expired");
        Assert.Contains("expired", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var error = await Embeddings.OpenAiError.AssertAsync(models, HttpStatusCode.Unauthorized, "invalid_request_error", code: "invalid_api_key");
        Assert.Contains("expired", Embeddings.OpenAiError.MessageOf(error), StringComparison.Ordinal);
        Assert.True(Assert.Single(await ListAsync(client))["expired"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("""{"name":"k","scopes":[]}""", "scopes")]
    [InlineData("""{"name":"k","scopes":["search"]}""", "scopes")]
    [InlineData("""{"name":"k","scopes":["admin"]}""", "scopes")]
    [InlineData("""{"name":"k","expiresAt":"2001-01-01T00:00:00Z"}""", "expiresAt")]
    public async Task Create_with_empty_unknown_or_admin_scopes_for_a_non_admin_or_a_past_expiry_is_400(string body, string field)
    {
        var (_, client) = await _factory.NewUserClientAsync();

        using var response = await client.PostAsync("/api/v1/users/me/api-keys", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await Problem.AssertValidationAsync(response, field);
    }

    [Fact]
    public async Task An_admin_may_create_an_admin_scoped_key_that_lists_the_users()
    {
        using var admin = await _factory.AdminClientAsync();
        using var created = await admin.PostAsJsonAsync("/api/v1/users/me/api-keys", new { name = "ops", scopes = new[] { "admin" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var keyClient = _factory.CreateClient((await created.ReadJsonAsync())["key"]!.GetValue<string>());

        using var users = await keyClient.GetAsync("/api/v1/admin/users");

        Assert.Equal(HttpStatusCode.OK, users.StatusCode);
    }

    [Fact]
    public async Task A_scoped_or_expiring_key_creates_only_keys_no_wider_and_no_longer_lived_than_itself()
    {
        var (_, client) = await _factory.NewUserClientAsync();
        var limit = DateTimeOffset.UtcNow.AddHours(1);
        using var created = await client.PostAsJsonAsync("/api/v1/users/me/api-keys", new { name = "parent", scopes = new[] { "account", "chat" }, expiresAt = limit });
        using var parent = _factory.CreateClient((await created.ReadJsonAsync())["key"]!.GetValue<string>());

        using var unscoped = await parent.PostAsJsonAsync("/api/v1/users/me/api-keys", new { name = "wider", expiresAt = limit });
        using var wider = await parent.PostAsJsonAsync("/api/v1/users/me/api-keys", new { name = "wider", scopes = new[] { "search:write" }, expiresAt = limit });
        using var forever = await parent.PostAsJsonAsync("/api/v1/users/me/api-keys", new { name = "forever", scopes = new[] { "chat" } });
        using var later = await parent.PostAsJsonAsync("/api/v1/users/me/api-keys", new { name = "later", scopes = new[] { "chat" }, expiresAt = limit.AddDays(1) });
        using var narrower = await parent.PostAsJsonAsync("/api/v1/users/me/api-keys", new { name = "narrower", scopes = new[] { "chat" }, expiresAt = limit.AddMinutes(-1) });

        await Problem.AssertValidationAsync(unscoped, "scopes");
        await Problem.AssertValidationAsync(wider, "scopes");
        await Problem.AssertValidationAsync(forever, "expiresAt");
        await Problem.AssertValidationAsync(later, "expiresAt");
        Assert.Equal(HttpStatusCode.Created, narrower.StatusCode);
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
