using System.Runtime.Serialization;

namespace Monolith.Modules.Embeddings.Contracts;

/// <summary>Reply to <see cref="GetEmbeddingModel"/>; <paramref name="Found"/> is false for an unknown model.</summary>
[DataContract(Namespace = "monolith.embeddings", Name = "embedding-model-info.v1")]
public sealed record EmbeddingModelInfo(bool Found, string Name, int Dimensions, int MaxTokens);
