using System.Runtime.Serialization;

namespace Monolith.Modules.Chat.Contracts;

/// <summary>Request/reply: the configured chat models (for the host's <c>GET /v1/models</c>).</summary>
[DataContract(Namespace = "monolith.chat", Name = "list-chat-models.v1")]
public sealed record ListChatModels;

/// <summary>Reply to <see cref="ListChatModels"/>.</summary>
[DataContract(Namespace = "monolith.chat", Name = "chat-model-list.v1")]
public sealed record ChatModelList(IReadOnlyList<ChatModelSummary> Models);

/// <summary>A configured chat model: its name and who serves it.</summary>
[DataContract(Namespace = "monolith.chat", Name = "chat-model-summary.v1")]
public sealed record ChatModelSummary(string Name, string OwnedBy);
