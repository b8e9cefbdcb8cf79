using Microsoft.Win32.SafeHandles;

namespace Evident.Cli.Files;

/// <summary>
/// A studies table on disk as the analysis library reads it: by the path as typed, opened afresh for each pass. The
/// library reads a table in two passes, so input that can be read only once (<c>-</c> for standard input, a pipe or
/// FIFO such as <c>&lt;(zcat file)</c>) is first copied to a temporary file, which every pass then reads.
/// </summary>
internal static class InputFile
{
    private static readonly Dictionary<string, DataInput> Spooled = new(StringComparer.Ordinal);
    private static Func<Stream> _standardInput = Console.OpenStandardInput;

    /// <summary>Where <c>-</c> reads from (tests give their own); setting it forgets standard input spooled before.</summary>
    internal static Func<Stream> StandardInput
    {
        get => _standardInput;
        set
        {
            lock (Spooled)
            {
                _standardInput = value;
                Spooled.Remove("-");
            }
        }
    }

    /// <summary>The table at <paramref name="path"/>; opening it throws what the library reports as <c>file-not-found</c> or <c>file-unreadable</c>.</summary>
    public static DataInput Open(string path)
    {
        lock (Spooled)
        {
            if (Spooled.TryGetValue(path, out var spooled))
            {
                return spooled;
            }
        }

        if (path == "-")
        {
            return SpoolOnce(path, "(standard input)", () => StandardInput());
        }

        if (OpenIfPipe(path) is { } pipe)
        {
            return SpoolOnce(path, path, () => pipe);
        }

        return new(path, () =>
        {
            if (Directory.Exists(path))
            {
                throw new IOException("It is a directory.");
            }

            if (!File.Exists(path))
            {
                throw new FileNotFoundException("File not found.", path);
            }

            return File.OpenRead(path);
        });
    }

    /// <summary>
    /// A temporary file that deletes itself when closed, where a JSON document's issues wait for its end; the library
    /// keeps them in memory instead when it cannot be made.
    /// </summary>
    public static Stream TemporarySpool()
        => new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);

    /// <summary>
    /// The path opened, when it is a pipe, a FIFO or a device (a stream that cannot seek, so can be read only once);
    /// null for a file (or a path that cannot be opened: reading it will report why).
    /// </summary>
    private static FileStream? OpenIfPipe(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.None);
            if (stream.CanSeek)
            {
                stream.Dispose();
                return null;
            }

            return stream;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The input read once from <paramref name="source"/> into a temporary file (kept for the rest of the run).</summary>
    private static DataInput SpoolOnce(string key, string name, Func<Stream> source)
    {
        lock (Spooled)
        {
            if (!Spooled.TryGetValue(key, out var input))
            {
                input = Spool(name, source);
                Spooled[key] = input;
            }

            return input;
        }
    }

    private static DataInput Spool(string name, Func<Stream> source)
    {
        SafeFileHandle? handle = null;
        try
        {
            var path = Path.GetTempFileName();
            handle = File.OpenHandle(path, FileMode.Create, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, FileOptions.DeleteOnClose);
            if (!OperatingSystem.IsWindows())
            {
                File.Delete(path); // the open handle keeps the bytes; nothing is left behind if the process is killed
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            handle?.Dispose();
            handle = null;
        }

        if (handle is null)
        {
            // No temporary folder: keep the bytes in memory.
            using var memory = new MemoryStream();
            using (var stream = source())
            {
                stream.CopyTo(memory);
            }

            return DataInput.FromBytes(name, memory.ToArray());
        }

        long length = 0;
        using (var stream = source())
        {
            var buffer = new byte[1 << 16];
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                RandomAccess.Write(handle, buffer.AsSpan(0, read), length);
                length += read;
            }
        }

        var spooled = handle;
        return new DataInput(name, () => new SpoolStream(spooled, length));
    }

    /// <summary>A read-only view of the temporary file from its start (each pass has its own position).</summary>
    private sealed class SpoolStream(SafeFileHandle handle, long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => _position; set => _position = Math.Clamp(value, 0, length); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = (int)Math.Min(buffer.Length, length - _position);
            if (n <= 0)
            {
                return 0;
            }

            var read = RandomAccess.Read(handle, buffer[..n], _position);
            _position += read;
            return read;
        }

        public override long Seek(long offset, SeekOrigin origin)
            => Position = origin switch { SeekOrigin.Begin => offset, SeekOrigin.Current => _position + offset, _ => length + offset };

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
