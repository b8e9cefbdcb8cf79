using System.Security.Cryptography;
using System.Text;
using Evident.Core;

namespace Evident.Cli.Files;

/// <summary>
/// The one writer of the files a command was asked for (<c>plot</c>, <c>report</c>, <c>summarize</c>): never over an
/// existing file unless the command allows it, and each file whole or not at all. A file is written to a temporary file
/// with a random name of its own in the same folder (<c>.NAME.3f9a….tmp</c>, created new: never a file that exists, so
/// never a user's <c>NAME.tmp</c>), then renamed over the target in one step: a kill or a full disk leaves the previous
/// file as it was, and at worst a stray hidden temporary file, never a half-written target.
/// </summary>
internal static class OutputFiles
{
    /// <summary>The first of <paramref name="paths"/> that exists (a file or a folder), or null.</summary>
    public static string? Existing(IEnumerable<string> paths) => paths.FirstOrDefault(p => File.Exists(p) || Directory.Exists(p));

    /// <summary>Says the file exists and <c>--force</c> would overwrite it (<c>output-exists</c>); returns exit code 3.</summary>
    public static int Refuse(TextWriter error, string path)
    {
        error.WriteLine(new AnalysisIssue(path, null, null, null, AnalysisIssueCodes.OutputExists, IssueSeverity.Error,
            "The file exists; give --force to overwrite it."));
        return ExitCodes.InputUnreadable;
    }

    /// <summary>
    /// Writes <paramref name="text"/> (UTF-8, no BOM) to <paramref name="path"/> whole or not at all. Returns 0, or exit
    /// code 3 with an <c>output-unwritable</c> line naming <paramref name="what"/> ("the report", "the summary").
    /// </summary>
    public static int Write(string path, string text, TextWriter error, string what)
        => Write(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text), error, what);

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> whole or not at all (see <see cref="Write(string, string, TextWriter, string)"/>).</summary>
    public static int Write(string path, byte[] bytes, TextWriter error, string what)
    {
        string? temporary = null;
        try
        {
            if (Directory.Exists(path))
            {
                throw new IOException("It is a folder.");
            }

            temporary = CreateTemporary(path, out var stream);
            using (stream)
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            Delete(temporary);
            error.WriteLine(new AnalysisIssue(path, null, null, null, AnalysisIssueCodes.OutputUnwritable, IssueSeverity.Error, $"Cannot write {what}: {e.Message}"));
            return ExitCodes.InputUnreadable;
        }
    }

    /// <summary>
    /// A new temporary file beside <paramref name="path"/> under a random name (<see cref="FileMode.CreateNew"/>: a name
    /// taken by any other file is never used), open for writing.
    /// </summary>
    private static string CreateTemporary(string path, out FileStream stream)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var name = Path.GetFileName(path);
        for (var attempt = 0; ; attempt++)
        {
            var candidate = Path.Combine(folder, $".{(name.Length > 100 ? name[..100] : name)}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}.tmp");
            try
            {
                stream = new FileStream(candidate, FileMode.CreateNew, FileAccess.Write, FileShare.None);
                return candidate;
            }
            catch (IOException) when (attempt < 8 && File.Exists(candidate))
            {
                // Implementation note: 64 random bits make a clash all but impossible; a clash is retried with new bits.
            }
        }
    }

    private static void Delete(string? temporary)
    {
        if (temporary is null)
        {
            return;
        }

        try
        {
            File.Delete(temporary);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The file is already reported unwritable; a leftover temporary file adds nothing to that.
        }
    }
}
