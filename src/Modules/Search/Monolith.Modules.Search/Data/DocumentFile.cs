namespace Monolith.Modules.Search.Data;

/// <summary>An uploaded file's original bytes, kept with its document (and deleted with it) so it can be downloaded and extracted again.</summary>
internal sealed class DocumentFile
{
    public Guid DocumentId { get; init; }
    public required byte[] Content { get; init; }
}
