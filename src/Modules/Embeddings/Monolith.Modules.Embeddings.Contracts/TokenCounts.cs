using System.Runtime.Serialization;

namespace Monolith.Modules.Embeddings.Contracts;

/// <summary>
/// Reply to <see cref="CountTokens"/>: tokens per text, special tokens excluded, so counts of texts
/// split at whitespace add up; <paramref name="MaxTokensPerText"/> is what one embedded text may
/// hold (the model window minus its special tokens). <paramref name="Exact"/> is false where the
/// model's tokenizer is not available here (upstream models: an estimate of 4 characters a token).
/// </summary>
[DataContract(Namespace = "monolith.embeddings", Name = "token-counts.v1")]
public sealed record TokenCounts(string Model, IReadOnlyList<int> Counts, int MaxTokensPerText, bool Exact, string? Error = null);
