using System.Runtime.Serialization;

namespace Monolith.Modules.Users.Contracts;

/// <summary>Published once a user account exists.</summary>
[DataContract(Namespace = "monolith.users", Name = "user-registered.v1")]
public sealed record UserRegistered(Guid UserId, string Email, DateTimeOffset RegisteredAt);
