using System.Text;

namespace Evident.Cli.Files;

/// <summary>
/// Writing the files a command was asked for (<c>report</c>, <c>summarize</c>): never over an existing file unless
/// <c>--force</c>, and each file whole or not at all (written beside it, then moved into place).
/// </summary>
internal static class OutputFiles
{
    /// <summary>The first of <paramref name="paths"/> that exists (a file or a folder), or null.</summary>
    public static string? Existing(IEnumerable<string> paths) => paths.FirstOrDefault(p => File.Exists(p) || Directory.Exists(p));

    /// <summary>Says the file exists and <c>--force</c> would overwrite it (<c>output-exists</c>); returns exit code 3.</summary>
    public static int Refuse(TextWriter error, string path)
    {
        error.WriteLine($"{path}: the file exists; give --force to overwrite it. [{AnalysisIssueCodes.OutputExists}]");
        return ExitCodes.InputUnreadable;
    }

    /// <summary>
    /// Writes <paramref name="text"/> (UTF-8, no BOM) to <paramref name="path"/> through a temporary file beside it, so a
    /// failed write leaves no half file. Returns 0, or exit code 3 with an <c>output-unwritable</c> line naming
    /// <paramref name="what"/> ("the report", "the summary").
    /// </summary>
    public static int Write(string path, string text, TextWriter error, string what)
    {
        var temporary = path + ".tmp";
        try
        {
            File.WriteAllText(temporary, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.Move(temporary, path, overwrite: true);
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try
            {
                File.Delete(temporary);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // The file is already reported unwritable; a leftover temporary file adds nothing to that.
            }

            error.WriteLine($"{path}: cannot write {what}: {e.Message} [{AnalysisIssueCodes.OutputUnwritable}]");
            return ExitCodes.InputUnreadable;
        }
    }
}
