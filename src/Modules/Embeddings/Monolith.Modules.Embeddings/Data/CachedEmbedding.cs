namespace Monolith.Modules.Embeddings.Data;

/// <summary>
/// One embedded text, keyed by (model key, SHA-256 of the exact text sent to the model), so the
/// same text is never embedded twice. The vector is stored as raw little-endian float32 bytes, so a
/// hit returns bit-for-bit the vector that was computed.
/// </summary>
internal sealed class CachedEmbedding
{
    public required string ModelKey { get; init; }
    public required byte[] TextHash { get; init; }
    public required byte[] Vector { get; init; }
    public int TokenCount { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
