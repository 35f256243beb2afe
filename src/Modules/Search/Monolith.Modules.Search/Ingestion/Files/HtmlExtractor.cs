using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Monolith.Modules.Search.Ingestion.Files;

/// <summary>
/// The main content of a page (<c>main</c>, else <c>article</c>, else the body) without scripts, styles,
/// navigation, headers, footers, asides and forms; h1–h6 open sections, block elements are paragraphs,
/// list items are marked "- " and table rows become cells joined by " | ".
/// </summary>
internal static partial class HtmlExtractor
{
    private const string Boilerplate =
        "script, style, noscript, template, nav, header, footer, aside, form, iframe, svg, canvas, button, select, " +
        "[role=navigation], [role=banner], [role=contentinfo], [aria-hidden=true]";

    private static readonly HashSet<string> BlockElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "main", "blockquote", "pre", "ul", "ol", "dl", "dt", "dd", "figure", "figcaption",
        "address", "details", "summary", "table", "thead", "tbody", "tfoot", "caption", "hr", "body",
    };

    public static int? Extract(byte[] content, StructuredText output, FileLimits limits, CancellationToken cancellationToken)
    {
        var html = TextDecoding.Decode(content);
        var document = new HtmlParser(new HtmlParserOptions { IsScripting = false }).ParseDocument(html);
        cancellationToken.ThrowIfCancellationRequested();
        var root = document.QuerySelector("main") ?? document.QuerySelector("article") ?? document.QuerySelector("[role=main]") ?? document.Body;
        if (root is null)
        {
            return null;
        }

        foreach (var junk in root.QuerySelectorAll(Boilerplate).ToList())
        {
            junk.Remove();
        }

        var walker = new Walker(output, limits.MaxNestingDepth, cancellationToken);
        walker.Visit(root, 0);
        walker.Flush();
        return null;
    }

    private sealed class Walker(StructuredText output, int maxDepth, CancellationToken cancellationToken)
    {
        private readonly StringBuilder _inline = new();

        public void Visit(INode node, int depth)
        {
            if (depth > maxDepth)
            {
                throw new ExtractionFailure($"nesting too deep: the page nests elements more than {maxDepth} levels.");
            }

            if (node is IText text)
            {
                _inline.Append(Whitespace().Replace(text.Data, " ")); // source line breaks are spaces in HTML
                return;
            }

            if (node is not IElement element)
            {
                return;
            }

            var name = element.LocalName;
            if (name.Length == 2 && name[0] == 'h' && name[1] is >= '1' and <= '6')
            {
                Flush();
                output.Heading(name[1] - '0', element.TextContent);
                return;
            }

            switch (name)
            {
                case "br":
                    _inline.Append('\n');
                    return;
                case "tr":
                    Flush();
                    output.Paragraph(string.Join(" | ", element.Children.Where(cell => cell.LocalName is "td" or "th").Select(cell => cell.TextContent.Trim())));
                    return;
                case "li":
                    Flush();
                    _inline.Append("- ");
                    Children(element, depth);
                    Flush();
                    return;
            }

            var block = BlockElements.Contains(name);
            if (block)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Flush();
            }

            Children(element, depth);
            if (block)
            {
                Flush();
            }
        }

        public void Flush()
        {
            var text = _inline.ToString();
            _inline.Clear();
            if (text.Trim() is { Length: > 0 } trimmed && trimmed != "-")
            {
                output.Paragraph(text);
            }
        }

        private void Children(IElement element, int depth)
        {
            foreach (var child in element.ChildNodes)
            {
                Visit(child, depth + 1);
            }
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\s+")]
    private static partial System.Text.RegularExpressions.Regex Whitespace();
}
