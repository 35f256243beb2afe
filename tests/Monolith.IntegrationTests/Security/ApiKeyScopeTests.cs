using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Monolith.IntegrationTests.Infrastructure;

namespace Monolith.IntegrationTests.Security;

/// <summary>
/// Every authenticated operation of the OpenAPI document, by route family (the table of docs/security.md): a key holding
/// every scope but the family's is a 403 naming the missing scope (OpenAI's shape on /v1), a key holding only it gets
/// past the check. An operation no row matches fails the test, so a new route family must be given a scope.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class ApiKeyScopeTests(HostFixture host)
{
    /// <summary>Any key may call it.</summary>
    private const string AnyScope = "*";

    // First matching row wins: (path prefix, scope to read with GET, scope for every other method).
    private static readonly (string Prefix, string Read, string Write)[] Families =
    [
        ("/api/v1/users/me", "account", "account"),
        ("/api/v1/admin/", "admin", "admin"),
        ("/api/v1/collections/{id}/search", "search:read", "search:read"),
        ("/api/v1/collections", "search:read", "search:write"),
        ("/api/v1/conversations", "chat", "chat"),
        ("/v1/embeddings", "embeddings", "embeddings"),
        ("/v1/chat/", "chat", "chat"),
        ("/v1/responses", "chat", "chat"),
        ("/v1/models", AnyScope, AnyScope),
    ];

    private static readonly string[] Scopes = ["embeddings", "search:read", "search:write", "chat", "account", "admin"];

    // Would end the owner's account mid-sweep; its family's other operations show that "account" gets through.
    private static readonly HashSet<string> NotTriedWithTheScope = ["DELETE /api/v1/users/me"];

    [Fact]
    public async Task Every_operation_refuses_a_key_without_its_scope_naming_it_and_accepts_one_with_it()
    {
        var factory = host.Factory;
        using var admin = await factory.AdminClientAsync();
        var only = new Dictionary<string, HttpClient>();
        var allBut = new Dictionary<string, HttpClient>();
        foreach (var scope in Scopes)
        {
            only[scope] = factory.CreateClient(await CreateKeyAsync(admin, [scope]));
            allBut[scope] = factory.CreateClient(await CreateKeyAsync(admin, Scopes.Where(s => s != scope).ToArray()));
        }

        using var anonymous = factory.CreateClient();
        var paths = JsonNode.Parse(await anonymous.GetStringAsync("/openapi/v1.json"))!["paths"]!.AsObject();
        var tried = 0;
        foreach (var (template, item) in paths)
        {
            foreach (var (method, _) in item!.AsObject())
            {
                if (template.StartsWith("/api/v1/auth/", StringComparison.Ordinal))
                {
                    continue; // login and registration: anonymous, nothing a key could be scoped to
                }

                var name = $"{method.ToUpperInvariant()} {template}";
                var family = Families.FirstOrDefault(row => template.StartsWith(row.Prefix, StringComparison.Ordinal));
                Assert.True(family.Prefix is not null, $"{name}: which scope does this route family need? Add it to the table here and in docs/security.md.");
                var scope = method == "get" ? family.Read : family.Write;
                var path = template.Replace("{documentId}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
                    .Replace("{evaluationId}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
                    .Replace("{id}", template.StartsWith("/v1/", StringComparison.Ordinal) ? "missing" : Guid.NewGuid().ToString(), StringComparison.Ordinal);

                if (scope == AnyScope)
                {
                    using var open = await SendAsync(only["account"], method, path);
                    Assert.False(open.StatusCode == HttpStatusCode.Forbidden, $"{name} is open to every key, yet: {await open.Content.ReadAsStringAsync()}");
                    tried++;
                    continue;
                }

                using (var refused = await SendAsync(allBut[scope], method, path))
                {
                    var message = template.StartsWith("/v1/", StringComparison.Ordinal)
                        ? Embeddings.OpenAiError.MessageOf(await Embeddings.OpenAiError.AssertAsync(refused, HttpStatusCode.Forbidden, "invalid_request_error", code: "missing_scope"))
                        : (await Problem.AssertAsync(refused, HttpStatusCode.Forbidden, "missing-scope", "Missing scope"))["scope"]!.GetValue<string>();
                    Assert.Contains(scope, message, StringComparison.Ordinal);
                }

                if (!NotTriedWithTheScope.Contains(name))
                {
                    using var allowed = await SendAsync(only[scope], method, path);
                    var body = await allowed.Content.ReadAsStringAsync();
                    Assert.False(allowed.StatusCode == HttpStatusCode.Forbidden, $"{name} with only '{scope}': {body}");
                    Assert.True((int)allowed.StatusCode < 500, $"{name} with only '{scope}': {(int)allowed.StatusCode} {body}");
                }

                tried++;
            }
        }

        Assert.True(tried > 30, $"only {tried} operations tried: is the OpenAPI document complete?");
    }

    [Fact]
    public async Task A_login_token_and_a_key_without_scopes_may_use_every_family()
    {
        var (_, client) = await host.Factory.NewUserClientAsync();
        using var unscoped = host.Factory.CreateClient(await CreateKeyAsync(client, null));

        foreach (var caller in new[] { client, unscoped })
        {
            foreach (var path in new[] { "/api/v1/users/me", "/api/v1/collections", "/api/v1/conversations", "/v1/models" })
            {
                using var response = await caller.GetAsync(path);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }
    }

    [Fact]
    public async Task A_key_scoped_to_search_read_can_search_but_cannot_upload()
    {
        var (_, client) = await host.Factory.NewUserClientAsync();
        Guid collection;
        using (var created = await client.PostAsJsonAsync("/api/v1/collections", new { name = "read only" }))
        {
            collection = (await created.ReadJsonAsync())["id"]!.GetValue<Guid>();
        }

        using var reader = host.Factory.CreateClient(await CreateKeyAsync(client, ["search:read"]));

        using var search = await reader.PostAsJsonAsync($"/api/v1/collections/{collection}/search", new { query = "bees" });
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        using var upload = await reader.PostAsJsonAsync($"/api/v1/collections/{collection}/documents", new { text = "Bees dance." });
        var problem = await Problem.AssertAsync(upload, HttpStatusCode.Forbidden, "missing-scope");
        Assert.Equal("search:write", problem["scope"]!.GetValue<string>());
        Assert.Contains("search:write", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        using var documents = await client.GetAsync($"/api/v1/collections/{collection}/documents");
        Assert.Empty((await documents.ReadJsonAsync())["items"]!.AsArray());
    }

    internal static async Task<string> CreateKeyAsync(HttpClient owner, string[]? scopes, DateTimeOffset? expiresAt = null)
    {
        using var response = await owner.PostAsJsonAsync("/api/v1/users/me/api-keys", new { name = "scoped", scopes, expiresAt });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.ReadJsonAsync())["key"]!.GetValue<string>();
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), path);
        if (method is "post" or "put" or "patch")
        {
            request.Content = JsonContent.Create(new { }); // past the scope check it is a 400, not a change
        }

        return client.SendAsync(request);
    }
}
