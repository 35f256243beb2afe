using System.Runtime.Serialization;

namespace Monolith.Modules.Embeddings.Contracts;

/// <summary>
/// Reply to <see cref="GenerateEmbeddings"/>. <paramref name="Error"/> is set (and
/// <paramref name="Vectors"/> empty) when the request cannot succeed, e.g. an unknown model;
/// a transient upstream failure is raised instead so the caller's retry policy applies.
/// </summary>
[DataContract(Namespace = "monolith.embeddings", Name = "generated-embeddings.v1")]
public sealed record GeneratedEmbeddings(string Model, int Dimensions, IReadOnlyList<float[]> Vectors, int TokenCount, string? Error = null);
