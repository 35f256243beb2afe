namespace Monolith.Modules.Search.Data;

/// <summary>
/// What extraction found besides the text: sections (ranges of the text under one heading path) and
/// locations (where each page, slide or sheet starts). Chunks never cross a section and carry both.
/// </summary>
internal sealed record DocumentStructure(IReadOnlyList<TextSection> Sections, IReadOnlyList<TextLocation> Locations);

/// <summary>
/// <paramref name="Path"/> is the heading path ("2 Methods › 2.1 Data"), empty before the first heading;
/// <paramref name="Header"/> (a table's header row) is repeated at the top of each of the section's chunks.
/// </summary>
internal sealed record TextSection(int Start, int Length, string Path, string? Header = null);

/// <summary><paramref name="Kind"/> is "page", "slide" or "sheet"; the location holds from <paramref name="Start"/> to the next one.</summary>
internal sealed record TextLocation(int Start, string Kind, string Label);
