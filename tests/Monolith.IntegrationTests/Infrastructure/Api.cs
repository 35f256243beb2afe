using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Monolith.IntegrationTests.Infrastructure;

public sealed record TestUser(Guid Id, string Email, string Password);

/// <summary>Small helpers over the public HTTP API.</summary>
public static class Api
{
    public const string Password = "correct horse battery staple";

    public static string NewEmail() => $"user-{Guid.NewGuid():N}@example.test";

    public static Task<HttpResponseMessage> RegisterAsync(this HttpClient client, string email, string password = Password, string? displayName = "Test User") =>
        client.PostAsJsonAsync("/api/v1/auth/register", new { email, password, displayName });

    public static Task<HttpResponseMessage> RequestTokenAsync(this HttpClient client, string email, string password) =>
        client.PostAsJsonAsync("/api/v1/auth/token", new { email, password });

    /// <summary>Registers a new user (a fresh email unless given) and checks it worked.</summary>
    public static async Task<TestUser> RegisterUserAsync(this HttpClient client, string? email = null)
    {
        email ??= NewEmail();
        using var response = await client.RegisterAsync(email);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.ReadJsonAsync();
        return new TestUser(body["id"]!.GetValue<Guid>(), email, Password);
    }

    public static async Task<string> TokenAsync(this HttpClient client, TestUser user)
    {
        using var response = await client.RequestTokenAsync(user.Email, user.Password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadJsonAsync())["accessToken"]!.GetValue<string>();
    }

    /// <summary>A client of the host that sends "Authorization: Bearer {credential}" (a JWT or an API key).</summary>
    public static HttpClient CreateClient(this MonolithFactory factory, string bearer)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return client;
    }

    /// <summary>A new user and a client logged in as that user with a JWT.</summary>
    public static async Task<(TestUser User, HttpClient Client)> NewUserClientAsync(this MonolithFactory factory, string? email = null)
    {
        using var anonymous = factory.CreateClient();
        var user = await anonymous.RegisterUserAsync(email);
        return (user, factory.CreateClient(await anonymous.TokenAsync(user)));
    }

    /// <summary>A client logged in as the configured admin email, registering it unless an earlier test did.</summary>
    public static async Task<HttpClient> AdminClientAsync(this MonolithFactory factory)
    {
        using var anonymous = factory.CreateClient();
        using (var registered = await anonymous.RegisterAsync(factory.AdminEmail))
        {
            Assert.True(registered.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"register admin: {registered.StatusCode}");
        }

        using var token = await anonymous.RequestTokenAsync(factory.AdminEmail, Password);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        return factory.CreateClient((await token.ReadJsonAsync())["accessToken"]!.GetValue<string>());
    }

    public static async Task<JsonObject> ReadJsonAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())?.AsObject()
        ?? throw new InvalidOperationException("The response body is not a JSON object.");
}
