namespace Monolith.BuildingBlocks.Application;

/// <summary>
/// A client-caused failure a handler reports; the host turns it into an RFC 9457 problem.
/// <c>type</c> is a stable slug, e.g. "conflict" → https://monolith.dev/problems/conflict.
/// </summary>
public sealed class ProblemException(int status, string type, string title, string detail) : Exception(detail)
{
    public int Status { get; } = status;
    public string Type { get; } = type;
    public string Title { get; } = title;

    /// <summary>The request field the problem is about, when one is (OpenAI's <c>param</c>, the problem's <c>errors</c> key).</summary>
    public string? Param { get; init; }

    /// <summary>How long the client should wait before retrying (the <c>Retry-After</c> header), when the problem says.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public static ProblemException NotFound(string what) =>
        new(404, "not-found", "Resource not found", $"{what} was not found.");

    /// <summary>A model name no configured model has; on <c>/v1</c> OpenAI's code "model_not_found".</summary>
    public static ProblemException ModelNotFound(string? name) =>
        new(404, "model-not-found", "Model not found", $"The model '{name}' does not exist. GET /v1/models lists the available models.");

    /// <summary>A parameter the chosen model cannot honour: refused, never silently dropped (OpenAI's code "unsupported_parameter").</summary>
    public static ProblemException UnsupportedParameter(string param, string detail) =>
        new(400, "unsupported-parameter", "Unsupported parameter", detail) { Param = param };

    /// <summary>A field a validator cannot reach (inside a polymorphic JSON value) is invalid: the same 400 a validator's failure is.</summary>
    public static ProblemException InvalidField(string param, string detail) =>
        new(400, "validation", "One or more fields are invalid", detail) { Param = param };

    public static ProblemException Conflict(string detail) =>
        new(409, "conflict", "Conflict", detail);

    public static ProblemException Unauthorized(string detail) =>
        new(401, "unauthorized", "Unauthorized", detail);

    /// <summary>A 429 with <c>Retry-After</c>, the same type and title as the request rate limit's.</summary>
    public static ProblemException TooManyRequests(string detail, TimeSpan retryAfter) =>
        new(429, "rate-limited", "Too many requests", detail) { RetryAfter = retryAfter };
}
