using System.IO.Compression;
using DocumentFormat.OpenXml.Packaging;

namespace Monolith.Modules.Search.Ingestion.Files;

/// <summary>
/// Opens Office files safely: an encrypted one (a compound file around the encrypted package) and a zip
/// bomb fail with their reason before the SDK reads anything, and no XML part may exceed what the expanded
/// size allows (<see cref="OpenSettings.MaxCharactersInPart"/>, enforced while the SDK reads).
/// </summary>
internal static class OfficePackage
{
    private const long SmallEntryBytes = 1024 * 1024;

    public static OpenSettings Check(byte[] content, FileLimits limits)
    {
        if (!content.AsSpan().StartsWith((byte[])[0x50, 0x4B, 0x03, 0x04]))
        {
            throw new ExtractionFailure(TextDecoding.Contains(content, "EncryptedPackage")
                ? "encrypted: the Office file is password-protected; remove the password and upload it again."
                : "corrupt: the file is not a valid Office document.");
        }

        try
        {
            using var archive = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            long expanded = 0;
            foreach (var entry in archive.Entries)
            {
                expanded += entry.Length;
                if (entry.Length > SmallEntryBytes && entry.Length / Math.Max(entry.CompressedLength, 1) > limits.MaxCompressionRatio)
                {
                    throw new ExtractionFailure($"zip bomb: the entry '{entry.FullName}' expands {entry.Length / Math.Max(entry.CompressedLength, 1):N0}× (limit {limits.MaxCompressionRatio}×, Search:Files:MaxCompressionRatio).");
                }
            }

            if (expanded > limits.MaxExpandedBytes)
            {
                throw new ExtractionFailure($"zip bomb: the archive expands to {expanded / (1024 * 1024):N0} MiB (limit {limits.MaxExpandedBytes / (1024 * 1024):N0} MiB, Search:Files:MaxExpandedBytes).");
            }
        }
        catch (InvalidDataException exception)
        {
            throw new ExtractionFailure($"corrupt or truncated: the Office file's archive cannot be read ({exception.Message})");
        }

        // XML markup is a few times its text: a part far beyond the text limit is refused while it is read.
        return new OpenSettings { MaxCharactersInPart = limits.MaxExtractedCharacters * 8L, AutoSave = false };
    }
}
