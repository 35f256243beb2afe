namespace Monolith.Modules.Search.Data;

internal sealed class Collection
{
    public Guid Id { get; init; }
    public Guid OwnerId { get; init; }
    public required string Name { get; init; }
    public string? Description { get; init; }

    /// <summary>Fixed at creation: every chunk of the collection is embedded with this model.</summary>
    public required string EmbeddingModel { get; init; }

    public int Dimensions { get; init; }

    /// <summary>Fixed at creation: the PostgreSQL text search configuration (language) of its keyword index.</summary>
    public string TextSearchConfig { get; init; } = "english";
    public DateTimeOffset CreatedAt { get; init; }
}
