using Microsoft.Extensions.AI;
using Monolith.Modules.Embeddings.Contracts;

namespace Monolith.Modules.Embeddings.Models;

/// <summary>A configured model: what clients call it, what it produces, and the generator behind it.</summary>
internal sealed class EmbeddingModel
{
    public required string Name { get; init; }
    public required int Dimensions { get; init; }
    public required int MaxTokens { get; init; }
    public required string OwnedBy { get; init; }
    public bool SupportsDimensions { get; init; }
    public string? QueryPrefix { get; init; }
    public string? DocumentPrefix { get; init; }
    public required IEmbeddingGenerator<string, Embedding<float>> Generator { get; init; }

    /// <summary>Exact token count per text where we hold the tokenizer (local model); null for upstream models.</summary>
    public Func<string, int>? CountTokens { get; init; }

    /// <summary>Tokens of a text without special tokens and without truncation (local model only), for chunking.</summary>
    public Func<string, int>? CountPieces { get; init; }

    /// <summary>Tokens one text may hold: the window minus the special tokens the model adds.</summary>
    public required int MaxTokensPerText { get; init; }

    public string Prepare(string text, EmbeddingPurpose purpose) => (purpose == EmbeddingPurpose.Query ? QueryPrefix : DocumentPrefix) + text;

    public bool CanProduce(int dimensions) => dimensions == Dimensions || (SupportsDimensions && dimensions > 0 && dimensions < Dimensions);
}
