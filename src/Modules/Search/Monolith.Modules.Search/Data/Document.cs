namespace Monolith.Modules.Search.Data;

internal sealed class Document
{
    public Guid Id { get; init; }
    public Guid CollectionId { get; init; }
    public Guid OwnerId { get; init; }
    public string? ExternalId { get; init; }
    public string? Title { get; init; }
    /// <summary>For a file: empty until extraction has put the file's text here.</summary>
    public required string Text { get; set; }
    public Dictionary<string, string> Metadata { get; init; } = [];
    public DocumentStatus Status { get; set; }
    public string? Error { get; set; }
    public int ChunkCount { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? IndexedAt { get; set; }

    /// <summary>Headings, pages, slides and sheets found by extraction; null for a text document.</summary>
    public DocumentStructure? Structure { get; set; }

    /// <summary>Set for an uploaded file (whose bytes are a <see cref="DocumentFile"/>); null for a text document.</summary>
    public UploadedFileFacts? File { get; init; }

    public int? PageCount { get; set; }

    /// <summary>Extractions begun; one the host never finished (it crashed) counts, so a file that crashes the host stops being retried.</summary>
    public int ExtractionAttempts { get; set; }
}

/// <summary>
/// What is known of an uploaded file. <paramref name="Name"/> is kept exactly as sent, only ever as data (never a
/// path); <paramref name="DeclaredType"/> is what the client said, <paramref name="Format"/> what the content is.
/// </summary>
internal sealed record UploadedFileFacts(string Name, string? DeclaredType, string Format, long Size);

internal enum DocumentStatus
{
    Pending = 0,
    Indexed = 1,
    Failed = 2,
    Extracting = 3,
    Indexing = 4,
}
