using Pgvector;

namespace Monolith.Modules.Search.Data;

/// <summary>
/// A searchable piece of a document. Owner, collection, title and metadata are copied from the
/// document so a search reads one table and its indexes only. Its BM25 terms live in <c>search.postings</c>,
/// written by a trigger on this table (see the Bm25Statistics migration).
/// </summary>
internal sealed class Chunk
{
    public Guid Id { get; init; }
    public Guid DocumentId { get; init; }
    public Guid CollectionId { get; init; }
    public Guid OwnerId { get; init; }
    public int Position { get; init; }
    public required string Text { get; init; }
    public string? Title { get; init; }
    public int TokenCount { get; init; }

    /// <summary>Untyped <c>vector</c>: collections of different models share the table; an expression HNSW index per dimension serves each.</summary>
    public required Vector Embedding { get; init; }

    public int Dimensions { get; init; }
    public Dictionary<string, string> Metadata { get; init; } = [];
}
