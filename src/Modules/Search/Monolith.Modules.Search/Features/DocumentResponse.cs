using Monolith.Modules.Search.Data;

namespace Monolith.Modules.Search.Features;

/// <summary><paramref name="File"/> is set for an uploaded file: what was sent and, once extracted, what was found.</summary>
internal sealed record DocumentResponse(
    Guid Id, Guid CollectionId, string? ExternalId, string? Title, IReadOnlyDictionary<string, string> Metadata,
    string Status, int ChunkCount, string? Error, DateTimeOffset CreatedAt, DateTimeOffset? IndexedAt, FileResponse? File = null)
{
    public static DocumentResponse From(Document document) => new(
        document.Id, document.CollectionId, document.ExternalId, document.Title, document.Metadata,
        StatusName(document.Status), document.ChunkCount, document.Error, document.CreatedAt, document.IndexedAt, FileResponse.From(document));

    public static string StatusName(DocumentStatus status) => status.ToString().ToLowerInvariant();
}

/// <summary>
/// <paramref name="ContentType"/> is what the client declared, <paramref name="Format"/> what the content is (trusted);
/// <paramref name="Pages"/> (pages, slides or sheets) and <paramref name="Characters"/> once the text is extracted.
/// </summary>
internal sealed record FileResponse(string Name, string? ContentType, string Format, long Size, int? Pages, int? Characters)
{
    public static FileResponse? From(Document document) => document.File is not { } file ? null : new(
        file.Name, file.DeclaredType, file.Format, file.Size, document.PageCount, document.Text.Length > 0 ? document.Text.Length : null);
}
