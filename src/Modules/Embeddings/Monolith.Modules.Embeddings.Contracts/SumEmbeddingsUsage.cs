using System.Runtime.Serialization;

namespace Monolith.Modules.Embeddings.Contracts;

/// <summary>
/// Request/reply: the embeddings usage of [<paramref name="From"/>, <paramref name="To"/>) summed per group
/// (<paramref name="GroupBy"/>: day, model, key, source or user), of one user or (null) of all. Answered with <see cref="EmbeddingsUsageSums"/>.
/// </summary>
[DataContract(Namespace = "monolith.embeddings", Name = "sum-embeddings-usage.v1")]
public sealed record SumEmbeddingsUsage(Guid? UserId, DateTimeOffset From, DateTimeOffset To, string GroupBy);

/// <summary>Reply to <see cref="SumEmbeddingsUsage"/>: one row per group, in group order.</summary>
[DataContract(Namespace = "monolith.embeddings", Name = "embeddings-usage-sums.v1")]
public sealed record EmbeddingsUsageSums(IReadOnlyList<EmbeddingsUsageSum> Items);

/// <summary>Calls and tokens of one group (a day "yyyy-MM-dd", a model, an API key id or "" for none, a source: api, ingestion, retrieval; a user id).</summary>
[DataContract(Namespace = "monolith.embeddings", Name = "embeddings-usage-sum.v1")]
public sealed record EmbeddingsUsageSum(string Group, long Requests, long InputTokens, long OutputTokens);
