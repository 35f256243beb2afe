namespace Monolith.Modules.Search.Ingestion.Files;

/// <summary>The formats extraction reads, named as the API reports them.</summary>
internal enum FileFormat
{
    Pdf,
    Docx,
    Pptx,
    Xlsx,
    Html,
    Markdown,
    Text,
    Csv,
}

internal static class FileFormatNames
{
    public static string Name(this FileFormat format) => format.ToString().ToLowerInvariant();

    public static FileFormat Parse(string name) => Enum.Parse<FileFormat>(name, ignoreCase: true);

    /// <summary>Said in a 415: what an upload may be.</summary>
    public const string Accepted =
        "PDF (with a text layer), Word (.docx), PowerPoint (.pptx), Excel (.xlsx), HTML, Markdown, plain text and CSV (UTF-8 or UTF-16)";
}
