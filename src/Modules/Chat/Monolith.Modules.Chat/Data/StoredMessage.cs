namespace Monolith.Modules.Chat.Data;

/// <summary>A user or assistant message of a conversation; an interrupted answer is kept with <see cref="Incomplete"/>.</summary>
internal sealed class StoredMessage
{
    public Guid Id { get; init; }
    public Guid ConversationId { get; init; }
    public required string Role { get; init; }
    public required string Content { get; set; }
    public List<Citation> Citations { get; set; } = [];
    public string? Model { get; init; }
    public int PromptTokens { get; set; }
    public int CompletionTokens { get; set; }
    public bool Incomplete { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary><paramref name="Location"/> and <paramref name="Section"/>: where in an uploaded file the passage is (null for text documents).</summary>
internal sealed record Citation(int Number, Guid DocumentId, Guid ChunkId, string? Title, string Text, double Score, string? Location = null, string? Section = null)
{
    /// <summary>e.g. report.pdf, p. 4, "2.1 Data".</summary>
    public string Reference => Answering.CitationReference.Of(Title, Location, Section);
}
