using System.Net;
using Monolith.IntegrationTests.Infrastructure;

namespace Monolith.IntegrationTests;

[Collection(HostCollection.Name)]
public sealed class AdminTests(HostFixture host)
{
    private readonly MonolithFactory _factory = host.Factory;

    [Fact]
    public async Task Listing_users_as_a_normal_user_is_403()
    {
        var (_, client) = await _factory.NewUserClientAsync();

        using var response = await client.GetAsync("/api/v1/admin/users");

        await Problem.AssertStatusAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Listing_users_as_the_configured_admin_returns_a_page()
    {
        using var client = await _factory.AdminClientAsync();
        using (var anonymous = _factory.CreateClient())
        {
            await anonymous.RegisterUserAsync();
        }

        using var response = await client.GetAsync("/api/v1/admin/users");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        var items = body["items"]!.AsArray();
        Assert.Equal(1, body["page"]!.GetValue<int>());
        Assert.Equal(50, body["pageSize"]!.GetValue<int>());
        Assert.True(body["total"]!.GetValue<int>() >= 2);
        Assert.InRange(items.Count, 2, 50);
        Assert.All(items, item => Assert.False(item!.AsObject().ContainsKey("passwordHash")));

        using var me = await client.GetAsync("/api/v1/users/me");
        var roles = (await me.ReadJsonAsync())["roles"]!.AsArray().Select(role => role!.GetValue<string>());
        Assert.Equal(new[] { "user", "admin" }, roles);
    }

    [Fact]
    public async Task Listing_users_pages_by_page_and_page_size()
    {
        using var client = await _factory.AdminClientAsync();
        using (var anonymous = _factory.CreateClient())
        {
            await anonymous.RegisterUserAsync();
            await anonymous.RegisterUserAsync();
        }

        using var first = await client.GetAsync("/api/v1/admin/users?page=1&pageSize=1");
        using var second = await client.GetAsync("/api/v1/admin/users?page=2&pageSize=1");

        var firstBody = await first.ReadJsonAsync();
        var secondBody = await second.ReadJsonAsync();
        Assert.Equal(1, firstBody["pageSize"]!.GetValue<int>());
        Assert.Equal(2, secondBody["page"]!.GetValue<int>());
        Assert.Single(firstBody["items"]!.AsArray());
        Assert.Single(secondBody["items"]!.AsArray());
        Assert.NotEqual(firstBody["items"]![0]!["id"]!.GetValue<Guid>(), secondBody["items"]![0]!["id"]!.GetValue<Guid>());
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=1000", "pageSize")]
    [InlineData("page=0", "page")]
    public async Task Listing_users_with_an_out_of_range_page_is_400(string query, string field)
    {
        using var client = await _factory.AdminClientAsync();

        using var response = await client.GetAsync($"/api/v1/admin/users?{query}");

        await Problem.AssertValidationAsync(response, field);
    }

    [Fact]
    public async Task Listing_users_with_a_non_numeric_page_size_is_400()
    {
        using var client = await _factory.AdminClientAsync();

        using var response = await client.GetAsync("/api/v1/admin/users?pageSize=ten");

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "malformed-request");
    }
}
