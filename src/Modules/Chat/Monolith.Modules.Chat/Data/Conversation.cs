namespace Monolith.Modules.Chat.Data;

internal sealed class Conversation
{
    public Guid Id { get; init; }
    public Guid OwnerId { get; init; }
    public required string Title { get; set; }
    public List<Guid> CollectionIds { get; init; } = [];
    public string? SystemPrompt { get; init; }
    public required string Model { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}
