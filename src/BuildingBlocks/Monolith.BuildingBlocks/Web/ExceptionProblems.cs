using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Monolith.BuildingBlocks.Messaging;
using Npgsql;
using Wolverine.Runtime.RemoteInvocation;

namespace Monolith.BuildingBlocks.Web;

/// <summary>
/// The problem a known exception means (client mistakes, lost races, upstream failures), or null for a bug. One
/// mapping for both ways a request can fail: before the response started (<see cref="ProblemExceptionHandler"/>
/// writes the problem with its status) and after it (a stream writes it as its last, "error", event).
/// </summary>
public static class ExceptionProblems
{
    public static ProblemDetails? For(Exception exception) => exception switch
    {
        ValidationException validation => ValidationProblem(validation),
        // Thrown here or by a module's handler in another process, which sent it back with its reply.
        _ when RemoteProblem.Of(exception) is { Param: { } param } known => new HttpValidationProblemDetails(new Dictionary<string, string[]> { [param] = [known.Message] })
        {
            Status = known.Status,
            Type = ProblemTypes.For(known.Type),
            Title = known.Title,
            Detail = known.Message,
        },
        _ when RemoteProblem.Of(exception) is { } known => new ProblemDetails
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
        _ => null,
    };

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

    // Type and title come from StatusProblems by status (400, 413, 415, ...). A JSON error at a field names it in
    // "errors" (OpenAI's "param" on /v1), e.g. "messages[0].content" for "$.messages[0].content".
    private static ProblemDetails BadRequestProblem(BadHttpRequestException exception)
    {
        if (exception.InnerException is not System.Text.Json.JsonException json)
        {
            return new ProblemDetails { Status = exception.StatusCode, Detail = exception.Message };
        }

        // Framework messages name the parameter and the JSON problem without echoing values.
        var detail = $"The body is not valid JSON for this operation: {json.Message}";
        var field = json.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
        return field is null
            ? new ProblemDetails { Status = exception.StatusCode, Detail = detail }
            : new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [json.Message] }) { Status = exception.StatusCode, Detail = detail };
    }

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
