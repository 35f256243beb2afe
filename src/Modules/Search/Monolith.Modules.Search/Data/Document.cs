namespace Monolith.Modules.Search.Data;

internal sealed class Document
{
    public Guid Id { get; init; }
    public Guid CollectionId { get; init; }
    public Guid OwnerId { get; init; }
    public string? ExternalId { get; init; }
    public string? Title { get; init; }
    public required string Text { get; init; }
    public Dictionary<string, string> Metadata { get; init; } = [];
    public DocumentStatus Status { get; set; }
    public string? Error { get; set; }
    public int ChunkCount { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? IndexedAt { get; set; }
}

internal enum DocumentStatus
{
    Pending = 0,
    Indexed = 1,
    Failed = 2,
}
