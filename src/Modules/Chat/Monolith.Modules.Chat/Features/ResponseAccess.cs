using System.Globalization;
using System.Text.Json.Nodes;
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

    /// <summary>An output item's id names its response and place (<c>msg_</c>/<c>fc_</c>, the response's key, the index), so an <c>item_reference</c> finds it.</summary>
    public static string ItemIdOf(string prefix, Guid responseKey, int index) => $"{prefix}_{responseKey:N}_{index}";

    /// <summary>The output item an <c>item_reference</c> names, from the caller's stored response; 404 naming <paramref name="param"/> otherwise.</summary>
    public static async Task<JsonNode> OwnedItemAsync(
        this ChatDbContext db, string itemId, Guid userId, DateTimeOffset keptSince, string param, CancellationToken cancellationToken)
    {
        var parts = itemId.Split('_');
        var found = parts.Length == 3 && Guid.TryParseExact(parts[1], "N", out var key) && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? await db.Responses.AsNoTracking().Where(r => r.Id == key && r.OwnerId == userId && r.CreatedAt >= keptSince).Select(r => r.Body).SingleOrDefaultAsync(cancellationToken) is { } body
                && JsonNode.Parse(body)?["output"] is JsonArray output && index < output.Count && output[index]?["id"]?.ToString() == itemId
                ? output[index]
                : null
            : null;
        return found ?? throw new ProblemException(404, "not-found", "Resource not found", "The referenced item was not found.") { Param = param };
    }

    public static Guid? TryParse(string id) =>
        id.StartsWith(Prefix, StringComparison.Ordinal) && Guid.TryParseExact(id[Prefix.Length..], "N", out var key) ? key : null;
}
