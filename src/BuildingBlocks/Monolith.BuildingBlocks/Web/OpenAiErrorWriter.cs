using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Monolith.BuildingBlocks.Quotas;

namespace Monolith.BuildingBlocks.Web;

/// <summary>
/// On the OpenAI-compatible surface (<c>/v1/...</c>) every error, whatever produced it (validation,
/// authentication, limits, upstream failures), is written in OpenAI's shape
/// <c>{"error":{"message","type","param","code"}}</c> so OpenAI client libraries report it properly.
/// Everywhere else the default RFC 9457 writer runs.
/// </summary>
public sealed class OpenAiErrorWriter : IProblemDetailsWriter
{
    public const string PathPrefix = "/v1";

    public bool CanWrite(ProblemDetailsContext context) => IsOpenAiPath(context.HttpContext.Request.Path);

    public static bool IsOpenAiPath(PathString path) => path.StartsWithSegments(PathPrefix, StringComparison.OrdinalIgnoreCase);

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Status ??= context.HttpContext.Response.StatusCode;
        context.HttpContext.Response.ContentType = "application/json";
        return new ValueTask(context.HttpContext.Response.WriteAsJsonAsync(ErrorFor(problem), SerializerOptions));
    }

    /// <summary>The problem in OpenAI's shape; also what a stream sends when it fails after it started.</summary>
    public static string Serialize(ProblemDetails problem) => JsonSerializer.Serialize(ErrorFor(problem), SerializerOptions);

    private static OpenAiError ErrorFor(ProblemDetails problem)
    {
        // The default writer applies the platform's customisation itself; this writer must too.
        StatusProblems.Apply(problem);
        var status = problem.Status ?? StatusCodes.Status500InternalServerError;
        var param = problem is HttpValidationProblemDetails validation ? validation.Errors.Keys.FirstOrDefault() : null;
        return new OpenAiError(new OpenAiErrorBody(
            Message: problem.Detail ?? problem.Title ?? "Request failed.",
            Type: TypeFor(status, problem.Type),
            Param: param,
            Code: CodeFor(status, problem.Type)));
    }

    // OpenAI's own types: every client mistake is an "invalid_request_error" (its code tells which: "invalid_api_key",
    // "model_not_found"), a rate limit is "requests" or "tokens" with code "rate_limit_exceeded", a spent budget
    // "insufficient_quota" (type and code), the rest "server_error".
    private static string TypeFor(int status, string? type) => status switch
    {
        StatusCodes.Status429TooManyRequests when type == ProblemTypes.For(QuotaProblems.DailyTokensType) => "insufficient_quota",
        StatusCodes.Status429TooManyRequests when type == ProblemTypes.For(QuotaProblems.TokensType) => "tokens",
        StatusCodes.Status429TooManyRequests => "requests",
        >= 500 => "server_error",
        _ => "invalid_request_error",
    };

    // The platform's problem slug ("payload-too-large") as OpenAI-style code ("payload_too_large").
    private static string? CodeFor(int status, string? type) =>
        status == StatusCodes.Status401Unauthorized ? "invalid_api_key"
        : status == StatusCodes.Status429TooManyRequests
            ? type == ProblemTypes.For(QuotaProblems.DailyTokensType) ? "insufficient_quota" : "rate_limit_exceeded"
        : type is not null && type.StartsWith(ProblemTypes.Base, StringComparison.Ordinal)
            ? type[ProblemTypes.Base.Length..].Replace('-', '_')
            : null;

    private static readonly JsonSerializerOptions SerializerOptions = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // readable quotes in messages; served as JSON only
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    private sealed record OpenAiError(OpenAiErrorBody Error);

    private sealed record OpenAiErrorBody(string Message, string Type, string? Param, string? Code);
}
