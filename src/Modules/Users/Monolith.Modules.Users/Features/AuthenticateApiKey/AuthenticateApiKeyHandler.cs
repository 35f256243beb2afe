using MediatR;
using Microsoft.EntityFrameworkCore;
using Monolith.Modules.Users.Contracts;
using Monolith.Modules.Users.Data;

namespace Monolith.Modules.Users.Features.AuthenticateApiKey;

/// <summary>The API-key scheme's check of a key not cached (ADR 53); a pooled context, as every read on the request path (ADR 61).</summary>
internal sealed class AuthenticateApiKeyHandler(IDbContextFactory<UsersDbContext> contexts, RoleAssigner roles, LimitsResolver limits, TimeProvider clock)
    : IRequestHandler<AuthenticateApiKeyQuery, CallerIdentity>
{
    // Recording every use would turn each API call into a write; minute precision is enough for "last used".
    private static readonly TimeSpan LastUsedPrecision = TimeSpan.FromMinutes(1);

    public async Task<CallerIdentity> Handle(AuthenticateApiKeyQuery request, CancellationToken cancellationToken)
    {
        if (!request.ApiKey.StartsWith(ApiKeySecret.Marker, StringComparison.Ordinal) || request.ApiKey.Length > 200)
        {
            return CallerIdentity.Anonymous;
        }

        var hash = ApiKeySecret.Hash(request.ApiKey);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var match = await db.ApiKeys.AsNoTracking()
            .Where(k => k.Hash == hash)
            .Join(db.Users, k => k.UserId, u => u.Id, (k, u) => new { Key = k, u.NormalizedEmail, u.Limits })
            .SingleOrDefaultAsync(cancellationToken);
        if (match is null)
        {
            return CallerIdentity.Anonymous;
        }

        var now = clock.GetUtcNow();
        if (match.Key.ExpiresAt is { } expiresAt && expiresAt <= now)
        {
            return CallerIdentity.Expired(expiresAt);
        }

        if (match.Key.LastUsedAt is null || now - match.Key.LastUsedAt > LastUsedPrecision)
        {
            // Conditional, so of the requests that race here at most one a minute writes.
            var stale = now - LastUsedPrecision;
            await db.ApiKeys.Where(k => k.Id == match.Key.Id && (k.LastUsedAt == null || k.LastUsedAt < stale))
                .ExecuteUpdateAsync(set => set.SetProperty(k => k.LastUsedAt, now), cancellationToken);
        }

        var userRoles = roles.RolesFor(match.NormalizedEmail);
        return new CallerIdentity(true, match.Key.UserId, userRoles, match.Key.Id, limits.Effective(userRoles, match.Limits), match.Key.Limits)
        {
            Scopes = match.Key.Scopes,
            ExpiresAt = match.Key.ExpiresAt,
        };
    }
}
