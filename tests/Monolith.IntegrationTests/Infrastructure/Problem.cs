using System.Net;
using System.Text.Json.Nodes;

namespace Monolith.IntegrationTests.Infrastructure;

/// <summary>Assertions on RFC 9457 problem responses.</summary>
public static class Problem
{
    public const string TypeBase = "https://monolith.dev/problems/";

    /// <summary>
    /// Asserts status, <c>application/problem+json</c>, a matching <c>status</c> member and a
    /// non-empty <c>type</c> and <c>title</c> (equal to the given ones, when given).
    /// </summary>
    public static async Task<JsonObject> AssertAsync(HttpResponseMessage response, HttpStatusCode status, string? type = null, string? title = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);

        var problem = JsonNode.Parse(text)!.AsObject();
        Assert.Equal((int)status, problem["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(problem["type"]?.GetValue<string>()), "problem has no type");
        Assert.False(string.IsNullOrWhiteSpace(problem["title"]?.GetValue<string>()), "problem has no title");
        if (type is not null)
        {
            Assert.Equal(type.Contains("://", StringComparison.Ordinal) ? type : TypeBase + type, problem["type"]!.GetValue<string>());
        }

        if (title is not null)
        {
            Assert.Equal(title, problem["title"]!.GetValue<string>());
        }

        return problem;
    }

    /// <summary>
    /// A problem the framework writes for a bare status code (authentication, authorization, routing,
    /// Kestrel limits), which the platform maps to its own stable type and title.
    /// </summary>
    public static Task<JsonObject> AssertStatusAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var (type, title) = status switch
        {
            HttpStatusCode.Unauthorized => ("unauthorized", "Unauthorized"),
            HttpStatusCode.Forbidden => ("forbidden", "Forbidden"),
            HttpStatusCode.NotFound => ("not-found", "Resource not found"),
            HttpStatusCode.RequestEntityTooLarge => ("payload-too-large", "Request body too large"),
            HttpStatusCode.UnsupportedMediaType => ("unsupported-media-type", "Unsupported media type"),
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, "No mapped problem type known for this status."),
        };
        return AssertAsync(response, status, type, title);
    }

    /// <summary>A 400 validation problem whose <c>errors</c> map names each given field.</summary>
    public static async Task<JsonObject> AssertValidationAsync(HttpResponseMessage response, params string[] fields)
    {
        var problem = await AssertAsync(response, HttpStatusCode.BadRequest, "validation", "One or more fields are invalid");
        var errors = problem["errors"]?.AsObject();
        Assert.NotNull(errors);
        foreach (var field in fields)
        {
            Assert.True(errors.ContainsKey(field), $"errors has no '{field}': {errors.ToJsonString()}");
            Assert.NotEmpty(errors[field]!.AsArray());
        }

        return problem;
    }
}
