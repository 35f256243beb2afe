using System.Runtime.Serialization;

namespace Monolith.Modules.Users.Contracts;

/// <summary>
/// Reply to <see cref="AuthenticateApiKey"/> and <see cref="CheckUserActive"/>: who calls, with which key (API keys
/// only), and the quota limits that apply to the user and to the key (null: none reported).
/// </summary>
[DataContract(Namespace = "monolith.users", Name = "caller-identity.v1")]
public sealed record CallerIdentity(
    bool Authenticated, Guid UserId, IReadOnlyList<string> Roles, Guid? ApiKeyId = null, CallerLimits? UserLimits = null, CallerLimits? KeyLimits = null)
{
    public static CallerIdentity Anonymous { get; } = new(false, Guid.Empty, []);
}
