using Monolith.BuildingBlocks.Quotas;
using Monolith.Modules.Users.Contracts;

namespace Monolith.Host;

/// <summary>The meters a request of this caller counts against: the user's limits, and the key's (so a key never exceeds its owner).</summary>
internal static class CallerMeters
{
    /// <summary>What a request adds when it comes in: one to each request meter; token meters are read (0).</summary>
    public static long Amount(QuotaMeter meter) => meter.Unit == QuotaUnit.Requests ? 1 : 0;

    /// <summary>The meters of this request: none for a caller not granted.</summary>
    public static List<QuotaMeter> ForRequest(HttpContext http, CallerIdentity caller) =>
        caller is not { Authenticated: true } || http.GetEndpoint() is not { } endpoint
            ? []
            : For(caller, endpoint.Metadata.GetMetadata<MeteredAs>()?.Kind);

    private static List<QuotaMeter> For(CallerIdentity caller, string? kind)
    {
        var meters = new List<QuotaMeter>();
        Add(meters, caller.UserId, caller.UserLimits, kind);
        if (caller.ApiKeyId is { } keyId)
        {
            Add(meters, keyId, caller.KeyLimits, kind);
        }

        return meters;
    }

    private static void Add(List<QuotaMeter> meters, Guid subject, CallerLimits? limits, string? kind)
    {
        if (limits?.RequestsPerMinute is { } requests)
        {
            meters.Add(new QuotaMeter(subject, "requests", QuotaUnit.Requests, QuotaWindow.Minute, requests));
        }

        var ofKind = kind switch
        {
            MeteredAs.Embeddings => limits?.Embeddings,
            MeteredAs.Chat => limits?.Chat,
            _ => null,
        };
        if (ofKind?.RequestsPerMinute is { } kindRequests)
        {
            meters.Add(new QuotaMeter(subject, kind + ".requests", QuotaUnit.Requests, QuotaWindow.Minute, kindRequests));
        }

        if (ofKind?.TokensPerMinute is { } perMinute)
        {
            meters.Add(new QuotaMeter(subject, kind + ".tokens", QuotaUnit.Tokens, QuotaWindow.Minute, perMinute));
        }

        if (ofKind?.TokensPerDay is { } perDay)
        {
            meters.Add(new QuotaMeter(subject, kind + ".tokens", QuotaUnit.Tokens, QuotaWindow.Day, perDay));
        }
    }
}
