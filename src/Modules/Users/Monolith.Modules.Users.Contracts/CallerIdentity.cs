using System.Runtime.Serialization;

namespace Monolith.Modules.Users.Contracts;

/// <summary>Reply to <see cref="AuthenticateApiKey"/> and <see cref="CheckUserActive"/>.</summary>
[DataContract(Namespace = "monolith.users", Name = "caller-identity.v1")]
public sealed record CallerIdentity(bool Authenticated, Guid UserId, IReadOnlyList<string> Roles)
{
    public static CallerIdentity Anonymous { get; } = new(false, Guid.Empty, []);
}
