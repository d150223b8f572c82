using System.Buffers;

namespace HumanSecurityAlerts.Http;

/// <summary>A body read by <see cref="BoundedBody"/>, in a pooled buffer that disposing returns.</summary>
/// <param name="tooLarge">The body went past the limit; <see cref="Span"/> then holds its first bytes only.</param>
public sealed class PooledBody(byte[] buffer, int length, bool tooLarge) : IDisposable
{
    private byte[]? buffer = buffer;

    public bool TooLarge { get; } = tooLarge;

    public ReadOnlySpan<byte> Span => (buffer ?? throw new ObjectDisposedException(nameof(PooledBody))).AsSpan(0, length);

    public void Dispose()
    {
        if (buffer is { } b)
        {
            buffer = null;
            ArrayPool<byte>.Shared.Return(b);
        }
    }
}
