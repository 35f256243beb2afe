using Microsoft.AspNetCore.Mvc;

namespace Monolith.BuildingBlocks.Web;

/// <summary>
/// Stable types, titles and a helpful detail for problems the framework writes from a bare status
/// code (authentication, authorization, routing, Kestrel limits), so clients see one vocabulary.
/// </summary>
internal static class StatusProblems
{
    private static readonly Dictionary<int, (string Slug, string Title, string Detail)> Known = new()
    {
        [400] = ("malformed-request", "Malformed request", "The request could not be read."),
        [401] = ("unauthorized", "Unauthorized", "Send a valid access token or API key as \"Authorization: Bearer <token>\"."),
        [403] = ("forbidden", "Forbidden", "Your account may not use this operation."),
        [404] = ("not-found", "Resource not found", "Nothing matches this route."),
        [405] = ("method-not-allowed", "Method not allowed", "This route does not support this HTTP method."),
        [413] = ("payload-too-large", "Request body too large", "The request body exceeds the configured limit."),
        [415] = ("unsupported-media-type", "Unsupported media type", "Send the body as application/json."),
        [429] = ("rate-limited", "Too many requests", "Slow down and retry after the time in Retry-After."),
    };

    public static void Apply(ProblemDetails problem)
    {
        var isFrameworkDefault = problem.Type is null || problem.Type.StartsWith("https://tools.ietf.org/", StringComparison.Ordinal);
        if (!isFrameworkDefault || problem.Status is not { } status || !Known.TryGetValue(status, out var known))
        {
            return;
        }

        problem.Type = ProblemTypes.For(known.Slug);
        problem.Title = known.Title;
        problem.Detail ??= known.Detail;
    }
}
