using Microsoft.Extensions.Options;
using Monolith.Modules.Search.Data;

namespace Monolith.Modules.Search.Ingestion.Files;

internal sealed record ExtractedFile(string Text, DocumentStructure Structure, int? Pages);

/// <summary>
/// Runs the format's extractor on a thread of its own (with a large stack, so a deeply nested file cannot
/// overflow it and take the process down) within the time limit. Whatever goes wrong in a parser becomes
/// an <see cref="ExtractionFailure"/> with a reason; a parser that overruns is abandoned and the file failed
/// (its thread is told to stop and ends at its next check, or when the parser returns).
/// </summary>
internal sealed class FileExtractor(IOptions<SearchOptions> options)
{
    private const int StackBytes = 64 * 1024 * 1024;

    public async Task<ExtractedFile> ExtractAsync(FileFormat format, byte[] content, CancellationToken cancellationToken)
    {
        var limits = options.Value.Files;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(limits.ExtractionTimeoutSeconds));
        var done = new TaskCompletionSource<ExtractedFile>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                done.TrySetResult(Extract(format, content, limits, deadline.Token));
            }
            catch (Exception exception)
            {
                done.TrySetException(exception);
            }
        }, StackBytes)
        { IsBackground = true, Name = $"extract-{format.Name()}" };
        thread.Start();

        try
        {
            return await done.Task.WaitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ExtractionFailure($"timed out: reading the file took longer than {limits.ExtractionTimeoutSeconds} s (Search:Files:ExtractionTimeoutSeconds) and was stopped.");
        }
    }

    /// <summary>The extraction itself, on the calling thread (the benchmark times it alone).</summary>
    public static ExtractedFile Extract(FileFormat format, byte[] content, FileLimits limits, CancellationToken cancellationToken)
    {
        var output = new StructuredText(limits.MaxExtractedCharacters);
        int? pages;
        try
        {
            pages = format switch
            {
                FileFormat.Pdf => PdfExtractor.Extract(content, output, cancellationToken),
                FileFormat.Docx => DocxExtractor.Extract(content, output, limits, cancellationToken),
                FileFormat.Pptx => PptxExtractor.Extract(content, output, limits, cancellationToken),
                FileFormat.Xlsx => XlsxExtractor.Extract(content, output, limits, cancellationToken),
                FileFormat.Html => HtmlExtractor.Extract(content, output, limits, cancellationToken),
                FileFormat.Markdown => MarkdownExtractor.Extract(content, output, limits, cancellationToken),
                FileFormat.Csv => CsvExtractor.Extract(content, output, cancellationToken),
                _ => PlainTextExtractor.Extract(content, output, cancellationToken),
            };
        }
        catch (Exception exception) when (exception is not (ExtractionFailure or OperationCanceledException))
        {
            throw new ExtractionFailure(Reason(format, exception));
        }

        var (text, structure) = output.Build();
        return text.Length == 0
            ? throw new ExtractionFailure(format == FileFormat.Pdf ? PdfExtractor.ScannedReason : "empty: no text was found in the file.")
            : new ExtractedFile(text, structure, pages);
    }

    private static string Reason(FileFormat format, Exception exception)
    {
        var detail = exception.Message.Length > 300 ? exception.Message[..300] + "…" : exception.Message;
        return exception switch
        {
            OutOfMemoryException => $"too large: the {format.Name()} file needs more memory than extraction allows.",
            // The parsers' own depth guards (Markdig's, the runtime's stack check).
            InsufficientExecutionStackException => $"nesting too deep: the {format.Name()} file nests its elements deeper than it can be read.",
            _ when detail.Contains("nested", StringComparison.OrdinalIgnoreCase) || detail.Contains("depth", StringComparison.OrdinalIgnoreCase) =>
                $"nesting too deep: the {format.Name()} file nests its elements too deeply ({detail})",
            _ when detail.Contains("MaxCharactersInPart", StringComparison.Ordinal) || detail.Contains("exceeds the limit", StringComparison.OrdinalIgnoreCase) =>
                "zip bomb: a part of the Office file expands beyond the limit (Search:Files:MaxExtractedCharacters).",
            _ => $"corrupt or truncated: the {format.Name()} file could not be read ({exception.GetType().Name}: {detail})",
        };
    }
}
