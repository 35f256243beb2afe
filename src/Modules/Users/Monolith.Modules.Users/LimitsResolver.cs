using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Monolith.Modules.Users.Contracts;

namespace Monolith.Modules.Users;

/// <summary>Quota defaults per role (<c>Quotas:Roles:&lt;role&gt;</c>, e.g. <c>Quotas:Roles:user:Chat:TokensPerDay</c>).</summary>
internal sealed class QuotaOptions
{
    public Dictionary<string, CallerLimits> Roles { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>
/// A user's effective limits: their roles' defaults (the most generous of the roles configured; requests a minute
/// <c>RateLimits:Requests:PermitLimit</c>, 600, unless a role says otherwise), each value an admin set replacing its
/// default. Read at every check, so a configuration change applies at once.
/// </summary>
internal sealed class LimitsResolver(IOptionsMonitor<QuotaOptions> options, IConfiguration configuration)
{
    public CallerLimits Effective(IReadOnlyList<string> roles, CallerLimits? overrides)
    {
        var defaultRequests = configuration.GetValue("RateLimits:Requests:PermitLimit", 600);
        var configured = roles.Select(role => options.CurrentValue.Roles.GetValueOrDefault(role)).OfType<CallerLimits>().ToList();
        var byRole = configured.Count == 0 ? CallerLimits.None : configured.Aggregate(Generous);
        byRole = byRole with { RequestsPerMinute = byRole.RequestsPerMinute ?? defaultRequests };
        return overrides is null ? byRole : new CallerLimits(
            overrides.RequestsPerMinute ?? byRole.RequestsPerMinute,
            Overlay(overrides.Embeddings, byRole.Embeddings),
            Overlay(overrides.Chat, byRole.Chat));
    }

    // Of two roles' limits the larger applies; no limit (null) is the largest.
    private static CallerLimits Generous(CallerLimits a, CallerLimits b) =>
        new(Larger(a.RequestsPerMinute, b.RequestsPerMinute), Generous(a.Embeddings, b.Embeddings), Generous(a.Chat, b.Chat));

    private static KindLimits? Generous(KindLimits? a, KindLimits? b) => a is null || b is null ? null
        : new(Larger(a.RequestsPerMinute, b.RequestsPerMinute), Larger(a.TokensPerMinute, b.TokensPerMinute), Larger(a.TokensPerDay, b.TokensPerDay));

    private static int? Larger(int? a, int? b) => a is null || b is null ? null : Math.Max(a.Value, b.Value);

    private static KindLimits? Overlay(KindLimits? set, KindLimits? defaults) => set is null ? defaults : defaults is null ? set
        : new(set.RequestsPerMinute ?? defaults.RequestsPerMinute, set.TokensPerMinute ?? defaults.TokensPerMinute, set.TokensPerDay ?? defaults.TokensPerDay);
}
