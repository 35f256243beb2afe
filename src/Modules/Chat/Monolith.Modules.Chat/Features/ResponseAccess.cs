using Microsoft.EntityFrameworkCore;
using Monolith.BuildingBlocks.Application;
using Monolith.Modules.Chat.Data;

namespace Monolith.Modules.Chat.Features;

/// <summary>Stored responses by their OpenAI-style id (<c>resp_</c> and 32 hex digits), the caller's only, within the retention.</summary>
internal static class ResponseAccess
{
    private const string Prefix = "resp_";

    public static string IdOf(Guid id) => Prefix + id.ToString("N");

    /// <summary>Another user's response, an expired one and a malformed id are all indistinguishable from a missing one (404).</summary>
    public static async Task<StoredResponse> OwnedResponseAsync(
        this ChatDbContext db, string id, Guid userId, DateTimeOffset keptSince, CancellationToken cancellationToken, string? param = null)
    {
        var response = TryParse(id) is { } key
            ? await db.Responses.AsNoTracking().SingleOrDefaultAsync(r => r.Id == key && r.OwnerId == userId && r.CreatedAt >= keptSince, cancellationToken)
            : null;
        return response ?? throw new ProblemException(404, "not-found", "Resource not found", "Response was not found.") { Param = param };
    }

    public static Guid? TryParse(string id) =>
        id.StartsWith(Prefix, StringComparison.Ordinal) && Guid.TryParseExact(id[Prefix.Length..], "N", out var key) ? key : null;
}
