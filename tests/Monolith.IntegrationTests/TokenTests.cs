using System.Net;
using Monolith.IntegrationTests.Infrastructure;

namespace Monolith.IntegrationTests;

[Collection(HostCollection.Name)]
public sealed class TokenTests(HostFixture host)
{
    private readonly HttpClient _client = host.Factory.CreateClient();

    [Fact]
    public async Task Token_returns_a_bearer_token()
    {
        var user = await _client.RegisterUserAsync();

        using var response = await _client.RequestTokenAsync(user.Email, user.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.False(string.IsNullOrWhiteSpace(body["accessToken"]!.GetValue<string>()));
        Assert.Equal("Bearer", body["tokenType"]!.GetValue<string>());
        Assert.True(body["expiresIn"]!.GetValue<int>() > 0);
    }

    [Fact]
    public async Task Token_accepts_the_email_in_any_case_and_with_spaces()
    {
        var user = await _client.RegisterUserAsync();

        using var response = await _client.RequestTokenAsync($" {user.Email.ToUpperInvariant()} ", user.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Wrong_password_and_unknown_email_give_the_same_401()
    {
        var user = await _client.RegisterUserAsync();

        using var wrongPassword = await _client.RequestTokenAsync(user.Email, "not the right password");
        using var unknownEmail = await _client.RequestTokenAsync(Api.NewEmail(), user.Password);

        var first = await Problem.AssertAsync(wrongPassword, HttpStatusCode.Unauthorized, "unauthorized");
        var second = await Problem.AssertAsync(unknownEmail, HttpStatusCode.Unauthorized, "unauthorized");
        foreach (var member in new[] { "type", "title", "detail", "status" })
        {
            Assert.Equal(first[member]?.ToJsonString(), second[member]?.ToJsonString());
        }
    }

    [Fact]
    public async Task Token_without_credentials_is_400()
    {
        using var response = await _client.RequestTokenAsync("", "");

        await Problem.AssertValidationAsync(response, "email", "password");
    }
}
