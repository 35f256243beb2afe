using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Monolith.BuildingBlocks.Security;

/// <summary>The authenticated caller of the current request, as every module sees it.</summary>
public interface ICurrentUser
{
    Guid Id { get; }
    bool IsAdmin { get; }

    /// <summary>The scopes of the API key the caller authenticated with; null when unrestricted (a login token or an unscoped key).</summary>
    IReadOnlyList<string>? Scopes { get; }

    /// <summary>When the API key the caller authenticated with expires; null for a login token or a key without expiry.</summary>
    DateTimeOffset? KeyExpiresAt { get; }

    /// <summary>The API key the request was made with; null for a token (JWT).</summary>
    Guid? ApiKeyId { get; }
}

internal sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    /// <summary>JWT "sub": the user id, as issued and as the API-key scheme sets it.</summary>
    public const string SubjectClaim = "sub";

    public Guid Id
    {
        get
        {
            var value = accessor.HttpContext?.User.FindFirstValue(SubjectClaim);
            return Guid.TryParse(value, out var id)
                ? id
                : throw new InvalidOperationException("No authenticated user on this request; the endpoint must require authorization.");
        }
    }

    public bool IsAdmin => accessor.HttpContext?.User.IsInRole(Roles.Admin) ?? false;

    public IReadOnlyList<string>? Scopes =>
        accessor.HttpContext?.User.FindAll(ApiScopes.ClaimType).Select(claim => claim.Value).ToList() is { Count: > 0 } scopes ? scopes : null;

    public DateTimeOffset? KeyExpiresAt =>
        DateTimeOffset.TryParse(accessor.HttpContext?.User.FindFirstValue(ApiScopes.KeyExpiresAtClaimType), System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.RoundtripKind, out var expiresAt) ? expiresAt : null;

    public Guid? ApiKeyId => Guid.TryParse(accessor.HttpContext?.User.FindFirstValue(CallerClaims.ApiKeyId), out var id) ? id : null;
}

/// <summary>Claims of the platform's principal beyond JWT's "sub" and "role".</summary>
public static class CallerClaims
{
    /// <summary>Set by the API-key scheme: the id of the key the request was made with.</summary>
    public const string ApiKeyId = "key_id";
}
