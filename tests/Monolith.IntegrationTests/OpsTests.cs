using System.Net;
using System.Text.Json.Nodes;
using Monolith.IntegrationTests.Infrastructure;

namespace Monolith.IntegrationTests;

[Collection(HostCollection.Name)]
public sealed class OpsTests(HostFixture host)
{
    private readonly HttpClient _client = host.Factory.CreateClient();

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_endpoints_answer_200_without_credentials(string path)
    {
        using var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_openapi_document_lists_every_users_route()
    {
        using var response = await _client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = (await response.ReadJsonAsync())["paths"]!.AsObject();
        AssertOperations(paths, "/api/v1/auth/register", "post");
        AssertOperations(paths, "/api/v1/auth/token", "post");
        AssertOperations(paths, "/api/v1/users/me", "get", "delete");
        AssertOperations(paths, "/api/v1/users/me/api-keys", "get", "post");
        AssertOperations(paths, "/api/v1/users/me/api-keys/{id}", "delete");
        AssertOperations(paths, "/api/v1/admin/users", "get");
    }

    [Fact]
    public async Task The_api_reference_ui_is_served()
    {
        using var response = await _client.GetAsync("/scalar");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<html", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    private static void AssertOperations(JsonObject paths, string path, params string[] methods)
    {
        Assert.True(paths.ContainsKey(path), $"OpenAPI has no {path}; it has {string.Join(", ", paths.Select(p => p.Key))}");
        var operations = paths[path]!.AsObject();
        foreach (var method in methods)
        {
            Assert.True(operations.ContainsKey(method), $"OpenAPI has no {method.ToUpperInvariant()} {path}");
        }
    }
}
