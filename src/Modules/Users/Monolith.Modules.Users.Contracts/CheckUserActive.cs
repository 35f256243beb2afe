using System.Runtime.Serialization;

namespace Monolith.Modules.Users.Contracts;

/// <summary>
/// Request/reply: does the user behind a token still exist, and with which roles? Lets every
/// process reject tokens of deleted users at once. Answered with a <see cref="CallerIdentity"/>.
/// </summary>
[DataContract(Namespace = "monolith.users", Name = "check-user-active.v1")]
public sealed record CheckUserActive(Guid UserId);
