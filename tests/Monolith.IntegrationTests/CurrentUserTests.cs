using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Monolith.BuildingBlocks.Security;
using Monolith.IntegrationTests.Infrastructure;

namespace Monolith.IntegrationTests;

[Collection(HostCollection.Name)]
public sealed class CurrentUserTests(HostFixture host)
{
    private readonly MonolithFactory _factory = host.Factory;

    [Fact]
    public async Task Me_with_a_jwt_returns_the_user()
    {
        var (user, client) = await _factory.NewUserClientAsync();

        using var response = await client.GetAsync("/api/v1/users/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal(user.Id, body["id"]!.GetValue<Guid>());
        Assert.Equal(user.Email, body["email"]!.GetValue<string>());
        Assert.Equal("Test User", body["displayName"]!.GetValue<string>());
        Assert.Equal(new[] { "user" }, body["roles"]!.AsArray().Select(role => role!.GetValue<string>()));
    }

    [Fact]
    public async Task Me_without_credentials_is_401()
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync("/api/v1/users/me");

        await Problem.AssertStatusAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains(response.Headers.WwwAuthenticate, header => header.Scheme == "Bearer");
    }

    [Fact]
    public async Task Me_with_a_tampered_jwt_is_401()
    {
        var token = await NewUserTokenAsync();
        var parts = token.Split('.');
        // Flip the first signature character: the last one may carry only padding bits.
        var signature = parts[2];
        parts[2] = (signature[0] == 'A' ? 'B' : 'A') + signature[1..];

        await AssertRejectedAsync(string.Join('.', parts));
    }

    [Fact]
    public async Task Me_with_an_unsigned_alg_none_token_is_401()
    {
        var user = await RegisterAsync();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = Encode(new { alg = "none", typ = "JWT" });
        var payload = Encode(new { sub = user.Id.ToString(), iss = JwtSettings.Issuer, aud = JwtSettings.Audience, nbf = now - 60, iat = now - 60, exp = now + 3600 });

        await AssertRejectedAsync($"{header}.{payload}.");
    }

    [Fact]
    public async Task Me_with_an_expired_token_is_401()
    {
        var user = await RegisterAsync();
        var now = DateTime.UtcNow;

        // The same forgery with a valid lifetime is accepted, so the rejection below is about expiry.
        using (var valid = _factory.CreateClient(Forge(user.Id, now.AddMinutes(-1), now.AddMinutes(10))))
        using (var accepted = await valid.GetAsync("/api/v1/users/me"))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        await AssertRejectedAsync(Forge(user.Id, now.AddHours(-2), now.AddHours(-1)));
    }

    [Fact]
    public async Task Me_with_a_token_signed_by_another_key_is_401()
    {
        var user = await RegisterAsync();
        var now = DateTime.UtcNow;

        await AssertRejectedAsync(Forge(user.Id, now.AddMinutes(-1), now.AddMinutes(10), RandomNumberGenerator.GetBytes(64)));
    }

    [Fact]
    public async Task Me_with_a_valid_token_for_a_user_that_does_not_exist_is_401()
    {
        var now = DateTime.UtcNow;

        await AssertRejectedAsync(Forge(Guid.NewGuid(), now.AddMinutes(-1), now.AddMinutes(10)));
    }

    [Fact]
    public async Task Me_with_an_unknown_api_key_is_401()
    {
        await AssertRejectedAsync("sk-" + Guid.NewGuid().ToString("N"));
    }

    [Theory]
    [InlineData("GET", "/api/v1/users/me")]
    [InlineData("DELETE", "/api/v1/users/me")]
    [InlineData("GET", "/api/v1/users/me/api-keys")]
    [InlineData("POST", "/api/v1/users/me/api-keys")]
    [InlineData("DELETE", "/api/v1/users/me/api-keys/3f1c2a9e-0000-4000-8000-000000000000")]
    [InlineData("GET", "/api/v1/admin/users")]
    public async Task Every_protected_endpoint_without_credentials_is_401(string method, string path)
    {
        using var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = new StringContent("""{"name":"ci"}""", Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);

        await Problem.AssertStatusAsync(response, HttpStatusCode.Unauthorized);
    }

    private async Task<TestUser> RegisterAsync()
    {
        using var client = _factory.CreateClient();
        return await client.RegisterUserAsync();
    }

    private async Task<string> NewUserTokenAsync()
    {
        using var client = _factory.CreateClient();
        return await client.TokenAsync(await client.RegisterUserAsync());
    }

    private async Task AssertRejectedAsync(string bearer)
    {
        using var client = _factory.CreateClient(bearer);
        using var response = await client.GetAsync("/api/v1/users/me");
        await Problem.AssertStatusAsync(response, HttpStatusCode.Unauthorized);
    }

    /// <summary>A token signed with the host's own key (the generated key file in DataPath) unless another key is given.</summary>
    private string Forge(Guid userId, DateTime notBefore, DateTime expires, byte[]? signingKey = null)
    {
        var key = new SymmetricSecurityKey(signingKey ?? Convert.FromBase64String(File.ReadAllText(_factory.SigningKeyPath).Trim()));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = JwtSettings.Issuer,
            Audience = JwtSettings.Audience,
            Claims = new Dictionary<string, object> { ["sub"] = userId.ToString() },
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = expires,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }

    private static string Encode(object value) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(value));
}
