using System.Runtime.Serialization;

namespace Monolith.Modules.Chat.Contracts;

/// <summary>
/// Request/reply: the chat usage of [<paramref name="From"/>, <paramref name="To"/>) summed per group
/// (<paramref name="GroupBy"/>: day, model, key, source or user), of one user or (null) of all. Answered with <see cref="ChatUsageSums"/>.
/// </summary>
[DataContract(Namespace = "monolith.chat", Name = "sum-chat-usage.v1")]
public sealed record SumChatUsage(Guid? UserId, DateTimeOffset From, DateTimeOffset To, string GroupBy);

/// <summary>Reply to <see cref="SumChatUsage"/>: one row per group, in group order.</summary>
[DataContract(Namespace = "monolith.chat", Name = "chat-usage-sums.v1")]
public sealed record ChatUsageSums(IReadOnlyList<ChatUsageSum> Items);

/// <summary>Calls and tokens of one group (a day "yyyy-MM-dd", a model, an API key id or "" for none, a source: api, ingestion, retrieval; a user id).</summary>
[DataContract(Namespace = "monolith.chat", Name = "chat-usage-sum.v1")]
public sealed record ChatUsageSum(string Group, long Requests, long InputTokens, long OutputTokens);
