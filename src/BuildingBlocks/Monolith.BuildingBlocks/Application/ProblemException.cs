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

    public static ProblemException NotFound(string what) =>
        new(404, "not-found", "Resource not found", $"{what} was not found.");

    public static ProblemException Conflict(string detail) =>
        new(409, "conflict", "Conflict", detail);

    public static ProblemException Unauthorized(string detail) =>
        new(401, "unauthorized", "Unauthorized", detail);
}
