using System.Net;
using System.Text;
using Monolith.IntegrationTests.Infrastructure;

namespace Monolith.IntegrationTests;

/// <summary>Framework-level errors are problem documents with the right status, never a 500.</summary>
[Collection(HostCollection.Name)]
public sealed class ConventionTests(HostFixture host)
{
    private readonly HttpClient _client = host.Factory.CreateClient();

    [Theory]
    [InlineData("GET", "/api/v1/does-not-exist")]
    [InlineData("GET", "/nothing-here")]
    [InlineData("POST", "/api/v1/auth/nope")]
    public async Task Unknown_routes_are_404(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);

        using var response = await _client.SendAsync(request);

        await Problem.AssertStatusAsync(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("{\"email\": \"a@b.c\", \"password\": ")]
    [InlineData("not json at all")]
    [InlineData("{\"email\": \"a@b.c\", \"password\": \"x\",}")]
    [InlineData("[1, 2, 3]")]
    public async Task Malformed_json_is_400(string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");

        using var response = await _client.PostAsync("/api/v1/auth/token", content);

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "malformed-request", "Malformed request");
    }

    [Theory]
    [InlineData("""{"email":"a@b.c\ud800","password":"x"}""")]
    [InlineData("""{"email":"a@b.c\u0000","password":"x"}""")]
    public async Task Text_a_string_cannot_hold_is_400_naming_the_field(string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");

        using var response = await _client.PostAsync("/api/v1/auth/token", content);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "malformed-request", "Malformed request");
        Assert.NotEmpty(problem["errors"]!["email"]!.AsArray());
    }

    [Fact]
    public async Task An_empty_json_body_is_400()
    {
        using var content = new StringContent("", Encoding.UTF8, "application/json");

        using var response = await _client.PostAsync("/api/v1/auth/token", content);

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "malformed-request", "Malformed request");
    }

    [Fact]
    public async Task A_text_plain_body_is_415()
    {
        using var content = new StringContent("""{"email":"a@b.c","password":"x"}""", Encoding.UTF8, "text/plain");

        using var response = await _client.PostAsync("/api/v1/auth/token", content);

        await Problem.AssertStatusAsync(response, HttpStatusCode.UnsupportedMediaType);
    }
}
