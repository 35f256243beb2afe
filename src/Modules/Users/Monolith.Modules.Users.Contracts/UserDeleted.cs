using System.Runtime.Serialization;

namespace Monolith.Modules.Users.Contracts;

/// <summary>Published when an account is deleted: every module erases what it holds for the user.</summary>
[DataContract(Namespace = "monolith.users", Name = "user-deleted.v1")]
public sealed record UserDeleted(Guid UserId, DateTimeOffset DeletedAt);
