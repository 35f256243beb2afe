using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Monolith.BuildingBlocks.Application;
using Monolith.BuildingBlocks.Data;

namespace Monolith.BuildingBlocks.Web;

/// <summary>
/// Turns client mistakes into RFC 9457 problems (never a 500) and anything else into a bare 500
/// problem without exception text. A database outage is a 503 with Retry-After, at once: requests
/// fail fast while PostgreSQL is down instead of hanging or reporting a bug.
/// </summary>
internal sealed class ProblemExceptionHandler(ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    // About as long as PostgreSQL takes to restart; clients that honour it do not hammer a recovering database.
    private static readonly TimeSpan DatabaseRetryAfter = TimeSpan.FromSeconds(5);

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = ExceptionProblems.For(exception) ?? exception switch
        {
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => null,
            _ when DatabaseOutage.IsCause(exception) => DatabaseUnavailable(httpContext, exception),
            _ => null,
        };

        if (problem is null)
        {
            if (httpContext.RequestAborted.IsCancellationRequested)
            {
                return true; // the client left; nobody reads a response
            }

            logger.LogError(exception, "Unhandled exception for {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Type = ProblemTypes.For("internal-error"),
                Title = "An unexpected error occurred",
                Detail = "The error has been logged. Quote the traceId when reporting it.",
            };
        }

        await ProblemResponse.WriteAsync(httpContext, problem, (exception as ProblemException)?.RetryAfter, exception);
        return true;
    }

    private ProblemDetails DatabaseUnavailable(HttpContext httpContext, Exception exception)
    {
        // One line per request, no stack trace: during an outage every request lands here.
        logger.LogWarning("Database unavailable for {Method} {Path} ({Exception})", httpContext.Request.Method, httpContext.Request.Path, exception.GetType().Name);
        RetryAfterHeader.Set(httpContext.Response.Headers, DatabaseRetryAfter);
        return new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Type = ProblemTypes.For("service-unavailable"),
            Title = "Service temporarily unavailable",
            Detail = "The database cannot be reached right now. Retry after the time in Retry-After.",
        };
    }
}
