namespace Monolith.Modules.Chat.Answering;

/// <summary>
/// A retrieved chunk as numbered in the prompt ("[1]") and cited in answers. <paramref name="Location"/>
/// ("p. 4", "slide 3", "sheet Sales") and <paramref name="Section"/> (the heading path) come from an uploaded file's chunk.
/// </summary>
internal sealed record Source(int Number, Guid DocumentId, Guid ChunkId, string? Title, string Text, double Score, string? Location = null, string? Section = null)
{
    /// <summary>What a reader needs to find the passage: report.pdf, p. 4, "2.1 Data".</summary>
    public string Reference => CitationReference.Of(Title, Location, Section);

    /// <summary>The chunk's place in its file, from the labels Search puts in its metadata.</summary>
    public static (string? Location, string? Section) LocationOf(IReadOnlyDictionary<string, string> metadata) => (
        metadata.TryGetValue("page", out var page) ? $"p. {page}"
            : metadata.TryGetValue("slide", out var slide) ? $"slide {slide}"
            : metadata.TryGetValue("sheet", out var sheet) ? $"sheet {sheet}"
            : null,
        metadata.TryGetValue("section", out var section) ? section : null);
}

internal static class CitationReference
{
    public static string Of(string? title, string? location, string? section) =>
        string.Join(", ", new[] { title, location, section is null ? null : $"\"{section}\"" }.Where(part => !string.IsNullOrEmpty(part)));
}
