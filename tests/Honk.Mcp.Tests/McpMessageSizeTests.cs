namespace Honk.Mcp.Tests;

/// <summary>
/// A client that sends one endless JSON-RPC message (no line break): the server must stop reading at its limit instead
/// of buffering the whole input (300 MB of it took the old server to 2.5 GB).
/// </summary>
[Trait("Category", "Security")]
public sealed class McpMessageSizeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("honk-mcp-size-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task AMessageWithoutALineBreakPastTheLimit_StopsTheServerWithoutReadingTheRest()
    {
        const long sent = 200L * 1024 * 1024;
        const long limit = 32L * 1024 * 1024; // HonkMcpServerOptions.MaxMessageBytes' default
        var input = new EndlessLine(sent);
        using var output = new MemoryStream();
        var options = new HonkMcpServerOptions { Workspace = new InPlaceWorkspace(_folder, commandRunner: null) };

        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => HonkMcpServer.RunAsync(options, input, output, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("longer than", ex.Message, StringComparison.Ordinal);
        Assert.True(input.Delivered <= limit + (1024 * 1024), $"the server read {input.Delivered} of {sent} bytes; the limit is {limit}");
    }

    /// <summary>A stream of <c>a</c>s without a line break, <paramref name="length"/> bytes long, counting what was read.</summary>
    private sealed class EndlessLine(long length) : Stream
    {
        public long Delivered { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => Delivered; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = (int)Math.Min(buffer.Length, length - Delivered);
            buffer[..n].Fill((byte)'a');
            Delivered += n;
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
