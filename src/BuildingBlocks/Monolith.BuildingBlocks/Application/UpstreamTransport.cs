using System.ClientModel.Primitives;

namespace Monolith.BuildingBlocks.Application;

/// <summary>
/// The HTTP transport of an OpenAI client for one configured upstream, with its answers bounded to
/// <c>maxResponseBytes</c>. The OpenAI SDK reads a whole non-streaming answer into memory before parsing it, and a
/// streamed answer ends only when the upstream says so; an upstream answering hundreds of MB (broken, compromised or
/// misconfigured) would cost that much memory. Here a declared <c>Content-Length</c> over the bound fails before the
/// body is read, and any body fails once more than the bound has been read from it, with
/// <see cref="UpstreamResponseTooLargeException"/> (a 502 through <see cref="UpstreamProblem"/>).
/// The transport owns its <see cref="HttpClient"/>: dispose it with the model.
/// </summary>
public sealed class UpstreamTransport : HttpClientPipelineTransport
{
    private readonly HttpClient _client;

    public UpstreamTransport(long maxResponseBytes)
        : this(new HttpClient(new ResponseSizeLimit(maxResponseBytes) { InnerHandler = new SocketsHttpHandler { AllowAutoRedirect = false } })
        {
            // As System.ClientModel's own client: the pipeline applies the model's NetworkTimeout.
            Timeout = Timeout.InfiniteTimeSpan,
        })
    {
    }

    private UpstreamTransport(HttpClient client)
        : base(client) => _client = client;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _client.Dispose();
        }

        base.Dispose(disposing);
    }

    private sealed class ResponseSizeLimit(long maxBytes) : DelegatingHandler
    {
        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = base.Send(request, cancellationToken);
            try
            {
                RejectDeclaredOverLimit(response);
                response.Content = Bounded(response.Content, response.Content.ReadAsStream(cancellationToken));
                return response;
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            try
            {
                RejectDeclaredOverLimit(response);
                // Read headers-first (as the SDK sends), this is the network stream itself, nothing read from it yet.
                response.Content = Bounded(response.Content, await response.Content.ReadAsStreamAsync(cancellationToken));
                return response;
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }

        private void RejectDeclaredOverLimit(HttpResponseMessage response)
        {
            if (response.Content.Headers.ContentLength > maxBytes)
            {
                throw new UpstreamResponseTooLargeException(maxBytes);
            }
        }

        private StreamContent Bounded(HttpContent original, Stream body)
        {
            var bounded = new StreamContent(new BoundedStream(body, maxBytes));
            foreach (var header in original.Headers)
            {
                bounded.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            return bounded;
        }
    }

    /// <summary>Reads through to the response stream and throws once more than <c>maxBytes</c> have come out of it.</summary>
    private sealed class BoundedStream(Stream inner, long maxBytes) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Counted(inner.Read(buffer));

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Counted(await inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Counted(await inner.ReadAsync(buffer, cancellationToken));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private int Counted(int read)
        {
            _read += read;
            return _read > maxBytes ? throw new UpstreamResponseTooLargeException(maxBytes) : read;
        }
    }
}
