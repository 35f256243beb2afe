using System.Runtime.Serialization;

namespace Monolith.Modules.Embeddings.Contracts;

/// <summary>
/// Request/reply: embed a batch of texts with a model (null: the default model). Answered with
/// <see cref="GeneratedEmbeddings"/>, vectors in the order of <paramref name="Texts"/>.
/// </summary>
[DataContract(Namespace = "monolith.embeddings", Name = "generate-embeddings.v1")]
public sealed record GenerateEmbeddings(IReadOnlyList<string> Texts, EmbeddingPurpose Purpose, string? Model = null);
