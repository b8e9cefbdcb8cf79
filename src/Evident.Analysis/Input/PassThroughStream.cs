namespace Evident.Analysis.Input;

/// <summary>
/// A read-only, forward-only stream over <see cref="Inner"/> that changes or watches the bytes on the way through:
/// the members every such stream has alike (no seeking, no writing, no length), and <see cref="Inner"/> disposed with
/// it. A subclass reads in <see cref="Read(Span{byte})"/>.
/// </summary>
internal abstract class PassThroughStream(Stream inner) : Stream
{
    /// <summary>The stream read.</summary>
    protected Stream Inner { get; } = inner;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public abstract override int Read(Span<byte> buffer);

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
            Inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
