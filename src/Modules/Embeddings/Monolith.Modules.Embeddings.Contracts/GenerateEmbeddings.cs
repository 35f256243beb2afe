using System.Runtime.Serialization;

namespace Monolith.Modules.Embeddings.Contracts;

/// <summary>
/// Request/reply: embed a batch of texts with a model (null: the default model). Answered with
/// <see cref="GeneratedEmbeddings"/>, vectors in the order of <paramref name="Texts"/>. The tokens are recorded as
/// <paramref name="UserId"/>'s usage (documents as ingestion, queries as retrieval) when it is given.
/// </summary>
[DataContract(Namespace = "monolith.embeddings", Name = "generate-embeddings.v1")]
public sealed record GenerateEmbeddings(IReadOnlyList<string> Texts, EmbeddingPurpose Purpose, string? Model = null, Guid? UserId = null);
