using DocumentFormat.OpenXml.Packaging;
using A = DocumentFormat.OpenXml.Drawing;
using P = DocumentFormat.OpenXml.Presentation;

namespace Monolith.Modules.Search.Ingestion.Files;

/// <summary>
/// One section per slide, in the presentation's order: its title (the section's name, "Slide n" without
/// one), the text of its other shapes and tables, then its speaker notes ("Notes: …").
/// </summary>
internal static class PptxExtractor
{
    public static int? Extract(byte[] content, StructuredText output, FileLimits limits, CancellationToken cancellationToken)
    {
        var settings = OfficePackage.Check(content, limits);
        using var document = PresentationDocument.Open(new MemoryStream(content, writable: false), false, settings);
        var presentation = document.PresentationPart ?? throw new ExtractionFailure("corrupt: the PowerPoint file has no presentation.");
        var slideIds = presentation.Presentation?.SlideIdList?.Elements<P.SlideId>().ToList() ?? [];
        var number = 0;
        foreach (var slideId in slideIds)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (slideId.RelationshipId?.Value is not { } relationship || presentation.GetPartById(relationship) is not SlidePart slide)
            {
                continue;
            }

            number++;
            var shapes = slide.Slide?.Descendants<P.Shape>().ToList() ?? [];
            var title = shapes.FirstOrDefault(IsTitle);
            var titleText = title is null ? "" : ShapeText(title);
            var label = number.ToString(System.Globalization.CultureInfo.InvariantCulture);
            output.Location("slide", label);
            output.Section(titleText.Length > 0 ? titleText : $"Slide {label}");
            output.Paragraph(titleText);
            foreach (var shape in shapes.Where(shape => shape != title))
            {
                foreach (var paragraph in shape.Descendants<A.Paragraph>())
                {
                    output.Paragraph(paragraph.InnerText);
                }
            }

            foreach (var row in slide.Slide?.Descendants<A.TableRow>() ?? [])
            {
                output.Paragraph(string.Join(" | ", row.Elements<A.TableCell>().Select(cell => cell.InnerText.Trim())));
            }

            var notes = slide.NotesSlidePart?.NotesSlide?.Descendants<P.Shape>()
                .Where(shape => PlaceholderType(shape) is not { } type || type == P.PlaceholderValues.Body)
                .Select(ShapeText).Where(text => text.Length > 0).ToList() ?? [];
            if (notes.Count > 0)
            {
                output.Paragraph($"Notes: {string.Join("\n", notes)}");
            }
        }

        return number;
    }

    private static bool IsTitle(P.Shape shape) =>
        PlaceholderType(shape) is { } type && (type == P.PlaceholderValues.Title || type == P.PlaceholderValues.CenteredTitle);

    private static P.PlaceholderValues? PlaceholderType(P.Shape shape) =>
        shape.NonVisualShapeProperties?.ApplicationNonVisualDrawingProperties?.PlaceholderShape?.Type?.Value;

    private static string ShapeText(P.Shape shape) =>
        string.Join("\n", shape.Descendants<A.Paragraph>().Select(paragraph => paragraph.InnerText.Trim()).Where(text => text.Length > 0));
}
