using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Monolith.IntegrationTests.Infrastructure;

/// <summary>
/// A huge answer a fake upstream writes lazily, about <see cref="Bytes"/>: a head, a filler repeated, a tail (valid
/// JSON or events, had anyone read it whole). It is written block by block and stops when the caller gives up, so the
/// bytes written show how much the caller read before it did.
/// </summary>
public static class HugeBody
{
    public const long Bytes = 200L * 1024 * 1024;

    private const int FillersPerBlock = 1024;

    /// <summary>Writes the body, with a <c>Content-Length</c> when <paramref name="declareLength"/>; returns the bytes written.</summary>
    public static async Task<long> WriteAsync(HttpContext context, string contentType, string head, string filler, string tail, bool declareLength)
    {
        var aborted = context.RequestAborted;
        var headBytes = Encoding.UTF8.GetBytes(head);
        var tailBytes = Encoding.UTF8.GetBytes(tail);
        var fillerBytes = Encoding.UTF8.GetBytes(filler);
        var fillers = (Bytes - headBytes.Length - tailBytes.Length) / fillerBytes.Length;
        var block = Enumerable.Repeat(fillerBytes, FillersPerBlock).SelectMany(bytes => bytes).ToArray();
        context.Response.ContentType = contentType;
        if (declareLength)
        {
            context.Response.ContentLength = headBytes.Length + (fillers * fillerBytes.Length) + tailBytes.Length;
        }

        long written = 0;
        try
        {
            // Once the connection is gone Kestrel drops writes without failing them (the aborted token fires a little
            // later, from the thread pool); a completed flush result is what says so at once.
            var body = context.Response.BodyWriter;
            body.Write(headBytes);
            if ((await body.FlushAsync(aborted)).IsCompleted)
            {
                return written;
            }

            written += headBytes.Length;
            for (var left = fillers; left > 0; left -= FillersPerBlock)
            {
                var count = (int)Math.Min(FillersPerBlock, left) * fillerBytes.Length;
                body.Write(block.AsSpan(0, count));
                if ((await body.FlushAsync(aborted)).IsCompleted)
                {
                    return written;
                }

                written += count;
            }

            await body.WriteAsync(tailBytes, aborted);
            written += tailBytes.Length;
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException)
        {
            // The caller gave up: what was written so far is all it could have read.
        }

        return written;
    }
}
