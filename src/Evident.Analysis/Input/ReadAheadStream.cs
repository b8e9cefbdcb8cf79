using System.Runtime.ExceptionServices;

namespace Evident.Analysis.Input;

/// <summary>
/// Reads another stream ahead on a thread of its own, in blocks, so that producing the bytes (decompressing a
/// <c>.gz</c>) and using them (parsing) run on two cores at once. At most <see cref="Blocks"/> blocks are in memory.
/// </summary>
internal sealed class ReadAheadStream : PassThroughStream
{
    private const int BlockSize = 1 << 18;
    private const int Blocks = 4;

    private readonly object _lock = new();
    private readonly Queue<(byte[] Block, int Length)> _filled = new();
    private readonly Stack<byte[]> _free = new();
    private readonly Task _reader;
    private bool _ended;
    private bool _disposed;
    private Exception? _error;
    private byte[]? _current;
    private int _length;
    private int _position;

    public ReadAheadStream(Stream inner)
        : base(inner)
    {
        for (var i = 0; i < Blocks; i++)
        {
            _free.Push(new byte[BlockSize]);
        }

        _reader = Task.Run(ReadAhead, CancellationToken.None);
    }

    public override int Read(Span<byte> buffer)
    {
        if (_current is null || _position == _length)
        {
            if (!NextBlock())
            {
                return 0;
            }
        }

        var n = Math.Min(buffer.Length, _length - _position);
        _current.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    /// <summary>Gives the used block back and waits for the next one; false at the end.</summary>
    private bool NextBlock()
    {
        lock (_lock)
        {
            if (_current is not null)
            {
                _free.Push(_current);
                _current = null;
                Monitor.PulseAll(_lock);
            }

            while (_filled.Count == 0 && !_ended)
            {
                Monitor.Wait(_lock);
            }

            if (_filled.Count == 0)
            {
                if (_error is not null)
                {
                    ExceptionDispatchInfo.Throw(_error);
                }

                return false;
            }

            (_current, _length) = _filled.Dequeue();
            _position = 0;
            return true;
        }
    }

    private void ReadAhead()
    {
        while (true)
        {
            byte[] block;
            lock (_lock)
            {
                while (_free.Count == 0 && !_disposed)
                {
                    Monitor.Wait(_lock);
                }

                if (_disposed)
                {
                    return;
                }

                block = _free.Pop();
            }

            var length = 0;
            Exception? error = null;
            try
            {
                int read;
                while (length < block.Length && (read = Inner.Read(block, length, block.Length - length)) > 0)
                {
                    length += read;
                }
            }
            catch (Exception e)
            {
                error = e;
            }

            lock (_lock)
            {
                if (length > 0)
                {
                    _filled.Enqueue((block, length));
                }

                // The bytes read before a failure are passed on first, as reading the stream directly would.
                _error = error;
                _ended = error is not null || length < block.Length;
                Monitor.PulseAll(_lock);
                if (_ended)
                {
                    return;
                }
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            lock (_lock)
            {
                _disposed = true;
                Monitor.PulseAll(_lock);
            }

            _reader.Wait(CancellationToken.None);
        }

        base.Dispose(disposing);
    }
}
