using System.Runtime.Serialization;

namespace Monolith.Modules.Users.Contracts;

/// <summary>
/// Quota limits of a user or an API key; a null value is no limit. Requests per minute count every request; the
/// embeddings and chat limits count only calls of that kind and the tokens they spend.
/// </summary>
[DataContract(Namespace = "monolith.users", Name = "caller-limits.v1")]
public sealed record CallerLimits(int? RequestsPerMinute, KindLimits? Embeddings, KindLimits? Chat)
{
    public static CallerLimits None { get; } = new(null, null, null);
}

/// <summary>Limits on one kind of model call (embeddings or chat); a null value is no limit.</summary>
[DataContract(Namespace = "monolith.users", Name = "kind-limits.v1")]
public sealed record KindLimits(int? RequestsPerMinute, int? TokensPerMinute, int? TokensPerDay);
