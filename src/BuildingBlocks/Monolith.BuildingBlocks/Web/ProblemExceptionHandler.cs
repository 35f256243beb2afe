using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Monolith.BuildingBlocks.Application;
using Monolith.BuildingBlocks.Data;
using Npgsql;
using Wolverine.Runtime.RemoteInvocation;

namespace Monolith.BuildingBlocks.Web;

/// <summary>
/// Turns client mistakes into RFC 9457 problems (never a 500) and anything else into a bare 500
/// problem without exception text. A database outage is a 503 with Retry-After, at once: requests
/// fail fast while PostgreSQL is down instead of hanging or reporting a bug.
/// </summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    // About as long as PostgreSQL takes to restart; clients that honour it do not hammer a recovering database.
    private const string RetryAfterSeconds = "5";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            ValidationException validation => ValidationProblem(validation),
            ProblemException { Param: { } param } known => new HttpValidationProblemDetails(new Dictionary<string, string[]> { [param] = [known.Message] })
            {
                Status = known.Status,
                Type = ProblemTypes.For(known.Type),
                Title = known.Title,
                Detail = known.Message,
            },
            ProblemException known => new ProblemDetails
            {
                Status = known.Status,
                Type = ProblemTypes.For(known.Type),
                Title = known.Title,
                Detail = known.Message,
            },
            BadHttpRequestException badRequest => BadRequestProblem(badRequest),
            // A module in another process failed the request; its own log has the cause.
            WolverineRequestReplyException => new ProblemDetails
            {
                Status = StatusCodes.Status502BadGateway,
                Type = ProblemTypes.For("module-failed"),
                Title = "A platform service failed",
                Detail = "A module running in another process could not complete the request.",
            },
            DbUpdateConcurrencyException or DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation } } =>
                ConcurrentChangeProblem(),
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

        httpContext.Response.StatusCode = problem.Status ?? 500;
        if (await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception }))
        {
            return true;
        }

        // The default writer declines clients whose Accept lists no JSON (e.g. only text/event-stream);
        // they still get the problem document rather than an empty error.
        StatusProblems.Apply(problem);
        await httpContext.Response.WriteAsJsonAsync(problem, problem.GetType(), (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", cancellationToken);
        return true;
    }

    private ProblemDetails DatabaseUnavailable(HttpContext httpContext, Exception exception)
    {
        // One line per request, no stack trace: during an outage every request lands here.
        logger.LogWarning("Database unavailable for {Method} {Path} ({Exception})", httpContext.Request.Method, httpContext.Request.Path, exception.GetType().Name);
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds;
        return new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Type = ProblemTypes.For("service-unavailable"),
            Title = "Service temporarily unavailable",
            Detail = "The database cannot be reached right now. Retry after the time in Retry-After.",
        };
    }

    private static HttpValidationProblemDetails ValidationProblem(ValidationException validation)
    {
        var errors = validation.Errors
            .GroupBy(failure => ToCamelCase(failure.PropertyName))
            .ToDictionary(group => group.Key, group => group.Select(failure => failure.ErrorMessage).Distinct().ToArray());
        return new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Type = ProblemTypes.For("validation"),
            Title = "One or more fields are invalid",
            Detail = string.Join(" ", errors.SelectMany(pair => pair.Value)),
        };
    }

    // Type and title come from StatusProblems by status (400, 413, 415, ...).
    private static ProblemDetails BadRequestProblem(BadHttpRequestException exception) => new()
    {
        Status = exception.StatusCode,
        // Framework messages name the parameter and the JSON problem without echoing values.
        Detail = exception.InnerException is System.Text.Json.JsonException json
            ? $"The body is not valid JSON for this operation: {json.Message}"
            : exception.Message,
    };

    // A write that lost a race with the deletion of what it writes to (e.g. a message to a conversation deleted
    // mid-answer): the client's requests conflict; retrying shows the current state (usually 404).
    private static ProblemDetails ConcurrentChangeProblem() => new()
    {
        Status = StatusCodes.Status409Conflict,
        Type = ProblemTypes.For("conflict"),
        Title = "Conflict",
        Detail = "The resource was changed or deleted by a concurrent request.",
    };

    private static string ToCamelCase(string name) =>
        string.IsNullOrEmpty(name) ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
