using System.Globalization;
using System.Security.Claims;
using Monolith.BuildingBlocks.Security;
using Monolith.Modules.Users.Contracts;

namespace Monolith.Host;

internal static class CallerPrincipal
{
    public static ClaimsPrincipal Create(CallerIdentity caller, string scheme)
    {
        var claims = new List<Claim> { new("sub", caller.UserId.ToString()) };
        claims.AddRange(caller.Roles.Select(role => new Claim("role", role)));
        if (caller.ApiKeyId is { } keyId)
        {
            claims.Add(new Claim(CallerClaims.ApiKeyId, keyId.ToString()));
        }

        claims.AddRange((caller.Scopes ?? []).Select(scope => new Claim(ApiScopes.ClaimType, scope)));
        if (caller.ExpiresAt is { } expiresAt)
        {
            claims.Add(new Claim(ApiScopes.KeyExpiresAtClaimType, expiresAt.ToString("O", CultureInfo.InvariantCulture)));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, "sub", "role"));
    }
}
