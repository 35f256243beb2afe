using System.Runtime.Serialization;

namespace Monolith.Modules.Embeddings.Contracts;

/// <summary>Request/reply: the configured embedding models (for the host's <c>GET /v1/models</c>).</summary>
[DataContract(Namespace = "monolith.embeddings", Name = "list-embedding-models.v1")]
public sealed record ListEmbeddingModels;

/// <summary>Reply to <see cref="ListEmbeddingModels"/>.</summary>
[DataContract(Namespace = "monolith.embeddings", Name = "embedding-model-list.v1")]
public sealed record EmbeddingModelList(IReadOnlyList<EmbeddingModelSummary> Models);

/// <summary>A configured embedding model: its name and who serves it.</summary>
[DataContract(Namespace = "monolith.embeddings", Name = "embedding-model-summary.v1")]
public sealed record EmbeddingModelSummary(string Name, string OwnedBy, int Dimensions);
