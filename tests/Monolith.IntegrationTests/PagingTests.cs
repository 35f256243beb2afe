using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Monolith.IntegrationTests.Infrastructure;

namespace Monolith.IntegrationTests;

/// <summary>
/// Every list route of the OpenAPI document (a GET with <c>page</c> and <c>pageSize</c>) follows one paging rule:
/// a page past the last possible offset, where (page − 1) × pageSize overflowed into a negative OFFSET (a 500), is a
/// 400 naming <c>page</c>, like a page below 1 or a page size out of range.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class PagingTests(HostFixture host)
{
    private readonly MonolithFactory _factory = host.Factory;

    [Theory]
    [InlineData("page=2147483647&pageSize=100", "page")]
    [InlineData("page=1073741825&pageSize=2", "page")]
    [InlineData("page=2147483647&pageSize=2", "page")]
    [InlineData("page=10737420&pageSize=200", "page")]
    [InlineData("page=0&pageSize=10", "page")]
    [InlineData("page=1&pageSize=0", "pageSize")]
    [InlineData("page=1&pageSize=201", "pageSize")]
    public async Task Every_paged_route_answers_a_page_out_of_range_with_400(string query, string field)
    {
        using var admin = await _factory.AdminClientAsync(); // the admin list too; an admin is also a user
        var routes = await PagedRoutesAsync(admin);
        Assert.Superset(
            new HashSet<string> { "/api/v1/admin/users", "/api/v1/collections", "/api/v1/collections/{id}/documents", "/api/v1/conversations" },
            routes.ToHashSet());

        using var created = await admin.PostAsJsonAsync("/api/v1/collections", new { name = "paged" });
        var collectionId = (await created.ReadJsonAsync())["id"]!.GetValue<Guid>();
        foreach (var route in routes)
        {
            using var response = await admin.GetAsync($"{route.Replace("{id}", collectionId.ToString(), StringComparison.Ordinal)}?{query}");

            var problem = await Problem.AssertValidationAsync(response, field);
            Assert.True(problem["errors"]!.AsObject().Count >= 1, route);
        }
    }

    [Fact]
    public async Task The_last_possible_page_is_answered_empty()
    {
        using var admin = await _factory.AdminClientAsync();
        foreach (var route in (await PagedRoutesAsync(admin)).Where(route => !route.Contains('{', StringComparison.Ordinal)))
        {
            using var response = await admin.GetAsync($"{route}?page=10737419&pageSize=200");

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{route}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Empty((await response.ReadJsonAsync())["items"]!.AsArray());
        }
    }

    /// <summary>The paths of the document's GET operations that take both <c>page</c> and <c>pageSize</c>.</summary>
    private static async Task<IReadOnlyList<string>> PagedRoutesAsync(HttpClient client)
    {
        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;
        return document["paths"]!.AsObject()
            .Where(path => path.Value!["get"]?["parameters"] is JsonArray parameters
                && new[] { "page", "pageSize" }.All(name => parameters.Any(p => p!["name"]!.GetValue<string>() == name && p["in"]!.GetValue<string>() == "query")))
            .Select(path => path.Key)
            .ToList();
    }
}
