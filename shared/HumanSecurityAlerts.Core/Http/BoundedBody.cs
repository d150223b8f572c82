using System.Buffers;
using System.Text;

namespace HumanSecurityAlerts.Http;

/// <summary>
/// The one way the service reads a body it did not write (a request from a client, a webhook's or a feed's answer):
/// never more than a limit, so a hostile or broken peer cannot make the app hold an unbounded body. The buffer comes
/// from the shared pool and grows only as far as the body does: the usual empty or tiny body costs no allocation of
/// the limit's size.
/// </summary>
public static class BoundedBody
{
    private const int FirstBufferSize = 4096;

    /// <summary>The body's bytes; <see cref="BoundedBodyTooLargeException"/> when it is longer than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]> ReadBytesAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var body = await ReadAsync(stream, maxBytes, cancellationToken).ConfigureAwait(false);
            return body.TooLarge ? throw new BoundedBodyTooLargeException(maxBytes) : body.Span.ToArray();
        }
    }

    /// <summary>The first <paramref name="maxBytes"/> bytes of the body as UTF-8 text; the rest is not read.</summary>
    public static async Task<string> ReadTextAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var body = await ReadAsync(stream, maxBytes, cancellationToken).ConfigureAwait(false);
            return body.Span.IsEmpty ? "" : Encoding.UTF8.GetString(body.Span);
        }
    }

    /// <summary>
    /// Reads at most <paramref name="maxBytes"/> + 1 bytes: one byte past the limit tells a body of exactly the limit
    /// from a longer one, which is then not read further. Dispose the result to return its buffer.
    /// </summary>
    public static async Task<PooledBody> ReadAsync(Stream stream, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
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

        return new PooledBody(buffer, Math.Min(length, maxBytes), length > maxBytes);
    }
}
