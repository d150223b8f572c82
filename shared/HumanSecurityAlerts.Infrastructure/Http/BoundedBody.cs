using System.Buffers;
using System.Text;

namespace HumanSecurityAlerts.Http;

/// <summary>
/// Reads a response body up to a limit, so a hostile or broken server cannot make the app hold an unbounded body.
/// The buffer comes from the shared pool and grows only as far as the body does: a webhook's usual empty or tiny
/// answer costs no allocation of the limit's size.
/// </summary>
internal static class BoundedBody
{
    private const int FirstBufferSize = 4096;

    /// <summary>The body's bytes; <see cref="BoundedBodyTooLargeException"/> when it is longer than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]> ReadBytesAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        var (buffer, length, truncated) = await ReadAsync(content, maxBytes, cancellationToken).ConfigureAwait(false);
        try
        {
            return truncated ? throw new BoundedBodyTooLargeException(maxBytes) : buffer.AsSpan(0, length).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The first <paramref name="maxBytes"/> bytes of the body as UTF-8 text; the rest is not read.</summary>
    public static async Task<string> ReadTextAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        var (buffer, length, _) = await ReadAsync(content, maxBytes, cancellationToken).ConfigureAwait(false);
        try
        {
            return length == 0 ? "" : Encoding.UTF8.GetString(buffer, 0, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task<(byte[] Buffer, int Length, bool Truncated)> ReadAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            // One byte past the limit tells a body of exactly the limit from a longer one.
            var limit = maxBytes + 1;
            var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(limit, FirstBufferSize));
            var length = 0;
            try
            {
                while (length < limit)
                {
                    if (length == buffer.Length)
                    {
                        var larger = ArrayPool<byte>.Shared.Rent(Math.Min(limit, buffer.Length * 2));
                        buffer.AsSpan(0, length).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }

                    var read = await stream.ReadAsync(buffer.AsMemory(length, Math.Min(buffer.Length, limit) - length), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    length += read;
                }
            }
            catch
            {
                ArrayPool<byte>.Shared.Return(buffer);
                throw;
            }

            return length > maxBytes ? (buffer, maxBytes, true) : (buffer, length, false);
        }
    }
}
