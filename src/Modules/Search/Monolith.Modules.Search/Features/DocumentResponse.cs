using Monolith.Modules.Search.Data;

namespace Monolith.Modules.Search.Features;

internal sealed record DocumentResponse(
    Guid Id, Guid CollectionId, string? ExternalId, string? Title, IReadOnlyDictionary<string, string> Metadata,
    string Status, int ChunkCount, string? Error, DateTimeOffset CreatedAt, DateTimeOffset? IndexedAt)
{
    public static DocumentResponse From(Document document) => new(
        document.Id, document.CollectionId, document.ExternalId, document.Title, document.Metadata,
        StatusName(document.Status), document.ChunkCount, document.Error, document.CreatedAt, document.IndexedAt);

    public static string StatusName(DocumentStatus status) => status.ToString().ToLowerInvariant();
}
