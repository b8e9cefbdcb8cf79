using System.Text;

namespace Evident.Analysis;

/// <summary>
/// A studies table to analyse: its name as the user gave it (issues are located by it) and a way to open it from the
/// start, as often as a run needs (an analysis reads its input in two streaming passes). The library does no file I/O:
/// a front end opens the file, a test or the web app gives bytes in memory. A name ending in <c>.gz</c> is read as gzip.
/// </summary>
public sealed class DataInput
{
    private readonly Func<Stream> _open;

    /// <summary>A table named <paramref name="name"/>, opened afresh by <paramref name="open"/> for each pass.</summary>
    /// <param name="name">The name issues carry (the path as typed, an upload's file name).</param>
    /// <param name="open">
    /// Opens the bytes from the start. May throw <see cref="FileNotFoundException"/> (reported as <c>file-not-found</c>)
    /// or <see cref="IOException"/>, <see cref="UnauthorizedAccessException"/> (reported as <c>file-unreadable</c>).
    /// </param>
    public DataInput(string name, Func<Stream> open)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(open);
        Name = name;
        _open = open;
    }

    /// <summary>The name issues carry.</summary>
    public string Name { get; }

    /// <summary>A table held in memory (UTF-8 bytes or text).</summary>
    public static DataInput FromBytes(string name, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return new DataInput(name, () => new MemoryStream(bytes, writable: false));
    }

    /// <summary>A table given as text (written as UTF-8).</summary>
    public static DataInput FromText(string name, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return FromBytes(name, Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Opens the bytes from the start.</summary>
    public Stream Open() => _open();
}
