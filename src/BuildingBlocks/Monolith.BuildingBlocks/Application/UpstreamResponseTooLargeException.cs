namespace Monolith.BuildingBlocks.Application;

/// <summary>
/// An upstream answer longer than its model's <c>MaxResponseBytes</c>, thrown by <see cref="UpstreamTransport"/> as soon
/// as the declared length or the bytes read pass the bound, so the answer is never held whole. Deliberately neither an
/// <see cref="IOException"/> nor a <c>ClientResultException</c>: System.ClientModel retries those, and the same request
/// would most likely bring the same huge answer again.
/// </summary>
public sealed class UpstreamResponseTooLargeException(long maxBytes) : Exception($"The upstream answer exceeded {maxBytes} bytes.")
{
    public long MaxBytes { get; } = maxBytes;
}
