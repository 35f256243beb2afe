using System.Runtime.Serialization;

namespace Monolith.Modules.Embeddings.Contracts;

/// <summary>Request/reply: describe a model (null: the default model). Answered with <see cref="EmbeddingModelInfo"/>.</summary>
[DataContract(Namespace = "monolith.embeddings", Name = "get-embedding-model.v1")]
public sealed record GetEmbeddingModel(string? Model = null);
