namespace Evident.Cli.Files;

/// <summary>A studies table on disk as the analysis library reads it: by the path as typed, opened afresh for each pass.</summary>
internal static class InputFile
{
    /// <summary>The table at <paramref name="path"/>; opening it throws what the library reports as <c>file-not-found</c> or <c>file-unreadable</c>.</summary>
    public static DataInput Open(string path) => new(path, () =>
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

    /// <summary>
    /// A temporary file that deletes itself when closed, where a JSON document's issues wait for its end; the library
    /// keeps them in memory instead when it cannot be made.
    /// </summary>
    public static Stream TemporarySpool()
        => new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
}
