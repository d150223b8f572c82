using System.Text;
using HumanSecurityAlerts.Http;

namespace HumanSecurityAlerts.UnitTests.Http;

public sealed class BoundedBodyTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4095)]
    [InlineData(4096)]
    [InlineData(4097)]
    [InlineData(50_000)]
    public async Task A_body_up_to_the_limit_is_read_whole_whatever_the_chunks(int size)
    {
        var body = Body(size);

        var read = await BoundedBody.ReadBytesAsync(Trickle(body), 50_000, CancellationToken.None);

        Assert.Equal(body, read);
    }

    [Fact]
    public async Task One_byte_past_the_limit_is_refused()
    {
        var error = await Assert.ThrowsAsync<BoundedBodyTooLargeException>(() => BoundedBody.ReadBytesAsync(Trickle(Body(50_001)), 50_000, CancellationToken.None));

        Assert.Equal(50_000, error.MaxBytes);
    }

    [Fact]
    public async Task Text_is_cut_at_the_limit_and_the_rest_not_needed()
    {
        var text = await BoundedBody.ReadTextAsync(Trickle(Encoding.UTF8.GetBytes(new string('a', 10_000))), 100, CancellationToken.None);

        Assert.Equal(new string('a', 100), text);
    }

    [Fact]
    public async Task An_empty_answer_is_empty_text()
    {
        Assert.Equal("", await BoundedBody.ReadTextAsync(new ByteArrayContent([]), 64 * 1024, CancellationToken.None));
    }

    [Theory]
    [InlineData(16 * 1024, false)]
    [InlineData(16 * 1024 + 1, true)]
    public async Task A_request_stream_is_read_to_the_limit_and_one_byte_more_tells_it_was_longer(int size, bool tooLarge)
    {
        var stream = new TrickleStream(Body(size));

        using var body = await BoundedBody.ReadAsync(stream, 16 * 1024, CancellationToken.None);

        Assert.Equal(tooLarge, body.TooLarge);
        Assert.Equal(Body(16 * 1024).AsSpan(0, Math.Min(size, 16 * 1024)).ToArray(), body.Span.ToArray());
        Assert.True(stream.Position <= 16 * 1024 + 1);
    }

    [Fact]
    public async Task A_disposed_body_gives_its_buffer_back_and_cannot_be_read()
    {
        var body = await BoundedBody.ReadAsync(new MemoryStream(Body(10)), 100, CancellationToken.None);
        body.Dispose();
        body.Dispose();

        Assert.Throws<ObjectDisposedException>(() => body.Span.Length);
    }

    private static byte[] Body(int size) => Enumerable.Range(0, size).Select(i => (byte)(i % 251)).ToArray();

    /// <summary>Content whose stream hands out at most 700 bytes a read, as a slow network does.</summary>
    private static StreamContent Trickle(byte[] body) => new(new TrickleStream(body));

    private sealed class TrickleStream(byte[] body) : MemoryStream(body)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 700)], cancellationToken);
    }
}
