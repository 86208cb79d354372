namespace Honk.Mcp;

/// <summary>
/// The stdio input of <see cref="HonkMcpServer"/>, read through a limit on one JSON-RPC message: messages are lines,
/// and the protocol library buffers a line until its newline, so an endless line (a client sending <c>/dev/zero</c>)
/// would grow the server's memory without bound. Past <see cref="MaxBytes"/> without a newline the stream ends, as if
/// the client had disconnected, and <see cref="Exceeded"/> says why.
/// </summary>
internal sealed class MessageSizeLimit(Stream inner, long maxBytes) : Stream
{
    private long _sinceNewline;

    /// <summary>The most bytes one message (one line) may hold.</summary>
    public long MaxBytes { get; } = maxBytes;

    /// <summary>Whether the input was cut because a message outgrew <see cref="MaxBytes"/>.</summary>
    public bool Exceeded { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(buffer.AsSpan(offset, inner.Read(buffer, offset, Allowed(count))));

    public override int Read(Span<byte> buffer) => Count(buffer[..inner.Read(buffer[..Allowed(buffer.Length)])]);

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => Count(buffer.AsSpan(offset, await inner.ReadAsync(buffer.AsMemory(offset, Allowed(count)), cancellationToken).ConfigureAwait(false)));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer[..Allowed(buffer.Length)], cancellationToken).ConfigureAwait(false);
        return Count(buffer.Span[..read]);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>Never asks for more than one byte past the limit, so the input is not drained to find out.</summary>
    private int Allowed(int count) => Exceeded ? 0 : (int)Math.Min(count, MaxBytes + 1 - _sinceNewline);

    private int Count(ReadOnlySpan<byte> read)
    {
        if (Exceeded)
        {
            return 0;
        }

        var newline = read.LastIndexOf((byte)'\n');
        _sinceNewline = newline < 0 ? _sinceNewline + read.Length : read.Length - newline - 1;
        if (_sinceNewline > MaxBytes)
        {
            // Hand over nothing of this read: the library gets end-of-input instead of a part of the endless message.
            Exceeded = true;
            return 0;
        }

        return read.Length;
    }
}
