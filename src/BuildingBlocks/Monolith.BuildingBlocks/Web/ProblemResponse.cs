using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Monolith.BuildingBlocks.Web;

/// <summary>
/// The one way a problem becomes a response outside an endpoint (the exception handler, the rate limiter, the
/// authentication and scope middleware): status, <c>Retry-After</c> when there is a wait, and the document written by
/// the platform's problem writers, so <c>/v1</c> gets OpenAI's error shape and the rest RFC 9457 with its trace id.
/// </summary>
public static class ProblemResponse
{
    public static async Task WriteAsync(HttpContext http, ProblemDetails problem, TimeSpan? retryAfter = null, Exception? exception = null)
    {
        http.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        if (retryAfter is { } wait)
        {
            RetryAfterHeader.Set(http.Response.Headers, wait);
        }

        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        if (await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception }))
        {
            return;
        }

        // The default writer declines clients whose Accept lists no JSON (e.g. only text/event-stream);
        // they still get the problem document rather than an empty error.
        StatusProblems.Apply(problem);
        await http.Response.WriteAsJsonAsync(problem, problem.GetType(), (JsonSerializerOptions?)null, "application/problem+json", http.RequestAborted);
    }
}
