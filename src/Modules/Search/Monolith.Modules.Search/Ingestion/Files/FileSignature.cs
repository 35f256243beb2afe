using System.IO.Compression;

namespace Monolith.Modules.Search.Ingestion.Files;

/// <summary>
/// Tells a file's format from its content (its signature, the entries of an Office archive, whether it
/// is text), not from its name or declared type; those only choose among text formats that look alike
/// (Markdown, CSV and plain text). Returns the format, or why the file is not accepted.
/// </summary>
internal static class FileSignature
{
    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] CompoundFile = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    public static (FileFormat? Format, string? Rejection) Detect(ReadOnlySpan<byte> content, string? declaredType, string fileName)
    {
        // PDF readers accept junk before the header (within the first KiB), so do we.
        if (content[..Math.Min(content.Length, 1024)].IndexOf(Pdf) >= 0)
        {
            return (FileFormat.Pdf, null);
        }

        if (content.StartsWith(Zip))
        {
            return OfficeArchive(content.ToArray(), declaredType, fileName);
        }

        if (content.StartsWith(CompoundFile))
        {
            // Encrypted OOXML is a compound file holding the encrypted package; extraction fails it with that reason.
            return TextDecoding.Contains(content, "EncryptedPackage")
                ? (OfficeFormatByName(declaredType, fileName), null)
                : (null, "legacy binary Office files (.doc, .xls, .ppt) are not supported; save the file as .docx, .xlsx or .pptx");
        }

        var text = TextDecoding.Prefix(content);
        return text is null
            ? (null, "the content is binary data of an unsupported kind (or text in an encoding other than UTF-8 or UTF-16)")
            : (TextFormat(text, declaredType, fileName), null);
    }

    private static (FileFormat?, string?) OfficeArchive(byte[] content, string? declaredType, string fileName)
    {
        try
        {
            using var archive = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            var names = archive.Entries.Select(entry => entry.FullName).ToHashSet(StringComparer.OrdinalIgnoreCase);
            return names.Contains("word/document.xml") || names.Any(n => n.StartsWith("word/", StringComparison.OrdinalIgnoreCase)) ? (FileFormat.Docx, null)
                : names.Any(n => n.StartsWith("ppt/", StringComparison.OrdinalIgnoreCase)) ? (FileFormat.Pptx, null)
                : names.Any(n => n.StartsWith("xl/", StringComparison.OrdinalIgnoreCase)) ? (FileFormat.Xlsx, null)
                : (null, "a ZIP archive that is not a Word, PowerPoint or Excel file");
        }
        catch (InvalidDataException)
        {
            // Starts like a ZIP but its directory is unreadable (e.g. truncated): an Office file by its name, failed with the reason.
            return IsOfficeName(fileName) ? (OfficeFormatByName(declaredType, fileName), null) : (null, "a damaged ZIP archive that is not a Word, PowerPoint or Excel file");
        }
    }

    private static bool IsOfficeName(string fileName) =>
        Extension(fileName) is ".docx" or ".pptx" or ".xlsx";

    private static FileFormat OfficeFormatByName(string? declaredType, string fileName) =>
        Extension(fileName) switch
        {
            ".pptx" => FileFormat.Pptx,
            ".xlsx" => FileFormat.Xlsx,
            _ when declaredType?.Contains("presentation", StringComparison.OrdinalIgnoreCase) == true => FileFormat.Pptx,
            _ when declaredType?.Contains("sheet", StringComparison.OrdinalIgnoreCase) == true => FileFormat.Xlsx,
            _ => FileFormat.Docx,
        };

    private static FileFormat TextFormat(string prefix, string? declaredType, string fileName)
    {
        var start = prefix.TrimStart().ToLowerInvariant();
        if (start.StartsWith("<!doctype html", StringComparison.Ordinal) || start.StartsWith("<html", StringComparison.Ordinal)
            || (start.StartsWith('<') && (start.Contains("<body", StringComparison.Ordinal) || start.Contains("<head", StringComparison.Ordinal))))
        {
            return FileFormat.Html;
        }

        var type = declaredType?.Split(';')[0].Trim().ToLowerInvariant();
        var extension = Extension(fileName);
        return type is "text/html" or "application/xhtml+xml" || extension is ".html" or ".htm" ? (start.StartsWith('<') ? FileFormat.Html : FileFormat.Text)
            : type is "text/markdown" or "text/x-markdown" || extension is ".md" or ".markdown" ? FileFormat.Markdown
            : type is "text/csv" || extension is ".csv" ? FileFormat.Csv
            : FileFormat.Text;
    }

    private static string Extension(string fileName)
    {
        var dot = fileName.LastIndexOf('.');
        return dot < 0 ? "" : fileName[dot..].ToLowerInvariant();
    }

    /// <summary>The type a download is served with: the detected format's, never the declared one.</summary>
    public static string MediaType(FileFormat format) => format switch
    {
        FileFormat.Pdf => "application/pdf",
        FileFormat.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        FileFormat.Pptx => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        FileFormat.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        FileFormat.Html => "text/html",
        FileFormat.Markdown => "text/markdown",
        FileFormat.Csv => "text/csv",
        _ => "text/plain",
    };
}
