using System.Net;
using System.Text.Json.Nodes;

namespace Monolith.IntegrationTests.Embeddings;

/// <summary>Assertions on errors of the OpenAI-compatible surface: <c>{"error":{"message","type","param","code"}}</c>.</summary>
public static class OpenAiError
{
    /// <summary>
    /// Asserts status, <c>application/json</c>, exactly OpenAI's shape with a non-empty message, and the
    /// given <c>type</c>; <c>param</c> and <c>code</c> are compared when given. Returns the <c>error</c> object.
    /// </summary>
    public static async Task<JsonObject> AssertAsync(
        HttpResponseMessage response, HttpStatusCode status, string type, string? param = null, string? code = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);

        var root = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(["error"], root.Select(member => member.Key));
        var error = root["error"]!.AsObject();
        Assert.Equal(["code", "message", "param", "type"], error.Select(member => member.Key).Order(StringComparer.Ordinal));
        Assert.False(string.IsNullOrWhiteSpace(error["message"]?.GetValue<string>()), "error has no message");
        Assert.Equal(type, error["type"]?.GetValue<string>());
        if (param is not null)
        {
            Assert.Equal(param, error["param"]?.GetValue<string>());
        }

        if (code is not null)
        {
            Assert.Equal(code, error["code"]?.GetValue<string>());
        }

        return error;
    }

    public static string MessageOf(JsonObject error) => error["message"]!.GetValue<string>();
}
