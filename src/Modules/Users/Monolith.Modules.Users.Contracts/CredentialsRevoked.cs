using System.Runtime.Serialization;

namespace Monolith.Modules.Users.Contracts;

/// <summary>
/// Published when an API key is revoked or an account deleted. Every process (not one per module) receives it
/// and drops what it cached of callers, so a revoked key stops working everywhere at once.
/// </summary>
[DataContract(Namespace = "monolith.users", Name = "credentials-revoked.v1")]
public sealed record CredentialsRevoked(Guid UserId);
