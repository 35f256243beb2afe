using System.Net;
using System.Net.Http.Json;
using Monolith.IntegrationTests.Infrastructure;

namespace Monolith.IntegrationTests;

[Collection(HostCollection.Name)]
public sealed class DeleteAccountTests(HostFixture host)
{
    private readonly MonolithFactory _factory = host.Factory;

    [Fact]
    public async Task Delete_returns_204_and_the_token_and_api_key_stop_working_at_once()
    {
        var (user, client) = await _factory.NewUserClientAsync();
        using var created = await client.PostAsJsonAsync("/api/v1/users/me/api-keys", new { name = "ci" });
        using var keyClient = _factory.CreateClient((await created.ReadJsonAsync())["key"]!.GetValue<string>());

        using var response = await client.DeleteAsync("/api/v1/users/me");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        using var withToken = await client.GetAsync("/api/v1/users/me");
        await Problem.AssertStatusAsync(withToken, HttpStatusCode.Unauthorized);
        using var withKey = await keyClient.GetAsync("/api/v1/users/me");
        await Problem.AssertStatusAsync(withKey, HttpStatusCode.Unauthorized);
        using var login = await client.RequestTokenAsync(user.Email, user.Password);
        await Problem.AssertAsync(login, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task The_email_of_a_deleted_account_can_register_again()
    {
        var (user, client) = await _factory.NewUserClientAsync();
        using (var deleted = await client.DeleteAsync("/api/v1/users/me"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        using var anonymous = _factory.CreateClient();
        var again = await anonymous.RegisterUserAsync(user.Email);

        Assert.NotEqual(user.Id, again.Id);
        Assert.False(string.IsNullOrEmpty(await anonymous.TokenAsync(again)));
    }
}
