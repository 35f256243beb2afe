using System.Net;
using System.Net.Http.Json;
using System.Text;
using Monolith.IntegrationTests.Infrastructure;

namespace Monolith.IntegrationTests;

[Collection(HostCollection.Name)]
public sealed class RegistrationTests(HostFixture host)
{
    private readonly HttpClient _client = host.Factory.CreateClient();
    private readonly TestDatabase _database = host.Factory.Database;

    [Fact]
    public async Task Register_returns_201_with_the_user_and_no_secrets()
    {
        var email = Api.NewEmail();

        using var response = await _client.RegisterAsync(email, displayName: "Ada Lovelace");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/api/v1/users/me", response.Headers.Location?.OriginalString);
        var text = await response.Content.ReadAsStringAsync();
        var body = await response.ReadJsonAsync();
        var id = body["id"]!.GetValue<Guid>();
        Assert.NotEqual(Guid.Empty, id);
        Assert.Equal(1L, await _database.ScalarAsync<long>($"SELECT count(*) FROM users.users WHERE id = '{id}'"));
        Assert.Equal(email, body["email"]!.GetValue<string>());
        Assert.Equal("Ada Lovelace", body["displayName"]!.GetValue<string>());
        Assert.Equal(["user"], body["roles"]!.AsArray().Select(role => role!.GetValue<string>()));
        Assert.DoesNotContain("password", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("hash", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Api.Password, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_with_an_existing_email_in_other_case_and_with_spaces_is_409()
    {
        var email = Api.NewEmail();
        await _client.RegisterUserAsync(email);

        using var response = await _client.RegisterAsync($"  {email.ToUpperInvariant()} ");

        await Problem.AssertAsync(response, HttpStatusCode.Conflict, "conflict", "Conflict");
    }

    [Fact]
    public async Task Register_with_a_password_shorter_than_12_characters_is_400()
    {
        using var response = await _client.RegisterAsync(Api.NewEmail(), password: "elevenchars");

        await Problem.AssertValidationAsync(response, "password");
    }

    [Fact]
    public async Task Register_with_an_invalid_email_is_400()
    {
        using var response = await _client.RegisterAsync("not-an-email");

        await Problem.AssertValidationAsync(response, "email");
    }

    [Fact]
    public async Task Register_without_display_name_is_400()
    {
        using var response = await _client.PostAsJsonAsync("/api/v1/auth/register", new { email = Api.NewEmail(), password = Api.Password });

        await Problem.AssertValidationAsync(response, "displayName");
    }

    [Fact]
    public async Task Register_with_an_empty_body_object_names_every_field()
    {
        using var content = new StringContent("{}", Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync("/api/v1/auth/register", content);

        await Problem.AssertValidationAsync(response, "email", "password", "displayName");
    }
}
