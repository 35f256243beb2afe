using System.Runtime.Serialization;

namespace Monolith.Modules.Users.Contracts;

/// <summary>
/// Reply to <see cref="AuthenticateApiKey"/> and <see cref="CheckUserActive"/>: who calls, with which key (API keys
/// only), and the quota limits that apply to the user and to the key (null: none reported). <see cref="Scopes"/>: what
/// an API key is limited to (null: unrestricted, as every login token and every key created without scopes).
/// <see cref="ExpiresAt"/>: when the key stops working; an expired key is answered not authenticated, with its expiry,
/// so the caller can say why. A cached answer is checked against the clock again on every request.
/// </summary>
[DataContract(Namespace = "monolith.users", Name = "caller-identity.v1")]
public sealed record CallerIdentity(
    bool Authenticated, Guid UserId, IReadOnlyList<string> Roles, Guid? ApiKeyId = null, CallerLimits? UserLimits = null, CallerLimits? KeyLimits = null,
    IReadOnlyList<string>? Scopes = null, DateTimeOffset? ExpiresAt = null)
{
    public static CallerIdentity Anonymous { get; } = new(false, Guid.Empty, []);

    public static CallerIdentity Expired(DateTimeOffset expiresAt) => Anonymous with { ExpiresAt = expiresAt };
}
