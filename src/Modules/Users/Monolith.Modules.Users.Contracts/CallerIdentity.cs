using System.Runtime.Serialization;

namespace Monolith.Modules.Users.Contracts;

/// <summary>
/// Reply to <see cref="AuthenticateApiKey"/> and <see cref="CheckUserActive"/>. <see cref="Scopes"/>: what an API key
/// is limited to (null: unrestricted, as every login token and every key created without scopes).
/// <see cref="ExpiresAt"/>: when the key stops working; an expired key is answered not authenticated, with its expiry,
/// so the caller can say why. A cached answer is checked against the clock again on every request.
/// </summary>
[DataContract(Namespace = "monolith.users", Name = "caller-identity.v1")]
public sealed record CallerIdentity(
    bool Authenticated, Guid UserId, IReadOnlyList<string> Roles, IReadOnlyList<string>? Scopes = null, DateTimeOffset? ExpiresAt = null)
{
    public static CallerIdentity Anonymous { get; } = new(false, Guid.Empty, []);

    public static CallerIdentity Expired(DateTimeOffset expiresAt) => new(false, Guid.Empty, [], null, expiresAt);
}
