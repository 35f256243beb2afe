using System.Runtime.Serialization;

namespace Monolith.Modules.Embeddings.Contracts;

/// <summary>
/// Request/reply: how many model tokens each text is, so callers (Search's chunker) can cut
/// documents that fit the model's window. Answered with <see cref="TokenCounts"/>.
/// </summary>
[DataContract(Namespace = "monolith.embeddings", Name = "count-tokens.v1")]
public sealed record CountTokens(IReadOnlyList<string> Texts, string? Model = null);
