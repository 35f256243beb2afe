using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Monolith.IntegrationTests.Infrastructure;

namespace Monolith.IntegrationTests.Security;

/// <summary>OWASP API8 (security misconfiguration) and API9 (inventory) on the shared host.</summary>
[Collection(HostCollection.Name)]
public sealed partial class SecurityConfigurationTests(HostFixture host)
{
    [Theory]
    [InlineData("/api/v1/users/me")] // 401
    [InlineData("/api/v1/nothing")] // 404
    [InlineData("/health/live")] // 200
    public async Task Every_response_carries_the_security_headers_and_no_server_banner(string path)
    {
        using var client = host.Factory.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.False(response.Headers.Contains("Server"), "the Server header names the product");
    }

    [Fact]
    public async Task Cors_is_closed_by_default_no_origin_is_allowed_by_preflight_or_by_a_simple_request()
    {
        var (_, client) = await host.Factory.NewUserClientAsync();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/v1/collections");
        preflight.Headers.Add("Origin", "https://evil.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization, content-type");
        using var simple = new HttpRequestMessage(HttpMethod.Get, "/api/v1/users/me");
        simple.Headers.Add("Origin", "https://evil.example");

        using var preflightResponse = await client.SendAsync(preflight);
        using var simpleResponse = await client.SendAsync(simple);

        Assert.True((int)preflightResponse.StatusCode >= 400, $"preflight answered {(int)preflightResponse.StatusCode}");
        foreach (var response in new[] { preflightResponse, simpleResponse })
        {
            Assert.DoesNotContain(response.Headers, header => header.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task The_openapi_document_lists_every_routed_operation()
    {
        using var client = host.Factory.CreateClient();
        var paths = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!["paths"]!.AsObject();
        var documented = paths.SelectMany(path => path.Value!.AsObject().Select(operation => $"{operation.Key.ToUpperInvariant()} {path.Key}")).ToHashSet();

        var routed = host.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.Metadata.GetMetadata<HttpMethodMetadata>() is not null)
            .SelectMany(endpoint => endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods
                .Select(method => $"{method} /{RouteConstraint().Replace(endpoint.RoutePattern.RawText!.Trim('/'), "{$1}")}"))
            .Where(operation => !Infrastructure.Any(prefix => operation.Split(' ')[1].StartsWith(prefix, StringComparison.Ordinal)))
            .ToHashSet();

        Assert.NotEmpty(routed);
        Assert.Empty(routed.Except(documented).Order());
        Assert.Empty(documented.Except(routed).Order());
    }

    /// <summary>Operational routes that are not part of the API: the document itself, its UI and health probes.</summary>
    private static readonly string[] Infrastructure = ["/openapi/", "/scalar", "/health/"];

    [GeneratedRegex(@"\{([^}:?]+)[^}]*\}")]
    private static partial Regex RouteConstraint();
}
