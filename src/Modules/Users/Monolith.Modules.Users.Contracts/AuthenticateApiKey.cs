using System.Runtime.Serialization;

namespace Monolith.Modules.Users.Contracts;

/// <summary>Request/reply: who owns this API key? Answered with a <see cref="CallerIdentity"/>.</summary>
[DataContract(Namespace = "monolith.users", Name = "authenticate-api-key.v1")]
public sealed record AuthenticateApiKey(string ApiKey);
