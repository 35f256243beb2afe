using System.Text.RegularExpressions;

namespace Monolith.Modules.Search.Features.UploadFiles;

/// <summary>
/// A file's externalId and title default to its name, made harmless: control characters go and the
/// length is cut to the field's limit. The name itself is only ever data, never part of a path.
/// </summary>
internal static partial class UploadDefaults
{
    public static string ExternalId(UploadedFile file) =>
        string.IsNullOrWhiteSpace(file.ExternalId) ? Clean(file.FileName, 200) : file.ExternalId.Trim();

    public static string Title(UploadedFile file) =>
        string.IsNullOrWhiteSpace(file.Title) ? Clean(file.FileName, 500) : file.Title.Trim();

    /// <summary>For Content-Disposition: also no path separators or quotes.</summary>
    public static string DownloadName(string fileName)
    {
        var name = Unsafe().Replace(Clean(fileName, 255), "_");
        return name.Length == 0 ? "file" : name;
    }

    private static string Clean(string name, int maxLength)
    {
        var cleaned = ControlCharacters().Replace(name, "").Trim();
        return cleaned.Length <= maxLength ? cleaned : cleaned[..maxLength];
    }

    [GeneratedRegex(@"[\p{Cc}\p{Cf}]")]
    private static partial Regex ControlCharacters();

    [GeneratedRegex(@"[/\\:""*?<>|]")]
    private static partial Regex Unsafe();
}
