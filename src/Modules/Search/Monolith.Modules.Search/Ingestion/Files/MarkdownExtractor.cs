using System.Text;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Monolith.Modules.Search.Ingestion.Files;

/// <summary>
/// Markdown as its reader sees it: headings open sections, paragraphs and list items ("- ") follow, code
/// blocks keep their lines, pipe-table rows become cells joined by " | "; emphasis and link syntax go.
/// </summary>
internal static class MarkdownExtractor
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().UseGridTables().Build();

    public static int? Extract(byte[] content, StructuredText output, FileLimits limits, CancellationToken cancellationToken)
    {
        var document = Markdown.Parse(TextDecoding.Decode(content), Pipeline);
        Blocks(document, output, "", limits.MaxNestingDepth, 0, cancellationToken);
        return null;
    }

    private static void Blocks(ContainerBlock container, StructuredText output, string prefix, int maxDepth, int depth, CancellationToken cancellationToken)
    {
        if (depth > maxDepth)
        {
            throw new ExtractionFailure($"nesting too deep: the document nests lists or quotes more than {maxDepth} levels.");
        }

        foreach (var block in container)
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (block)
            {
                case HeadingBlock heading:
                    output.Heading(heading.Level, Inline(heading.Inline, maxDepth));
                    break;
                case ParagraphBlock paragraph:
                    output.Paragraph(prefix + Inline(paragraph.Inline, maxDepth));
                    break;
                case CodeBlock code:
                    output.Paragraph(code.Lines.ToString());
                    break;
                case Table table:
                    foreach (var row in table.OfType<TableRow>())
                    {
                        output.Paragraph(string.Join(" | ", row.OfType<TableCell>().Select(cell => CellText(cell, maxDepth))));
                    }

                    break;
                case ListItemBlock item:
                    Blocks(item, output, "- ", maxDepth, depth + 1, cancellationToken);
                    break;
                case ContainerBlock inner:
                    Blocks(inner, output, prefix, maxDepth, depth + 1, cancellationToken);
                    break;
                case LeafBlock leaf when leaf is not ThematicBreakBlock && leaf is not LinkReferenceDefinition:
                    output.Paragraph(leaf.Inline is null ? leaf.Lines.ToString() : Inline(leaf.Inline, maxDepth));
                    break;
            }
        }
    }

    private static string CellText(TableCell cell, int maxDepth) =>
        string.Join(" ", cell.OfType<ParagraphBlock>().Select(paragraph => Inline(paragraph.Inline, maxDepth))).Trim();

    private static string Inline(ContainerInline? container, int maxDepth)
    {
        var text = new StringBuilder();
        Append(container, text, maxDepth, 0);
        return text.ToString().Trim();
    }

    private static void Append(ContainerInline? container, StringBuilder text, int maxDepth, int depth)
    {
        if (container is null)
        {
            return;
        }

        if (depth > maxDepth)
        {
            throw new ExtractionFailure($"nesting too deep: the document nests emphasis or links more than {maxDepth} levels.");
        }

        foreach (var inline in container)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    text.Append(literal.Content);
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
                case LineBreakInline:
                    text.Append(' ');
                    break;
                case AutolinkInline link:
                    text.Append(link.Url);
                    break;
                case ContainerInline inner:
                    Append(inner, text, maxDepth, depth + 1);
                    break;
            }
        }
    }
}
