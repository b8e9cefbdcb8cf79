using Evident.Core;

namespace Evident.Cli.Files;

/// <summary>Reading a whole small text file (a summary, an evidence JSON) with the command's located messages.</summary>
internal static class TextFile
{
    /// <summary>
    /// The file's text; null, with a <c>file-not-found</c> or <c>file-unreadable</c> line on <paramref name="error"/>,
    /// when it is missing, a folder, or cannot be read (the caller exits with <see cref="ExitCodes.InputUnreadable"/>).
    /// </summary>
    public static string? Read(string path, TextWriter error)
    {
        if (!File.Exists(path))
        {
            error.WriteLine(new AnalysisIssue(path, null, null, null, AnalysisIssueCodes.FileNotFound, IssueSeverity.Error,
                Directory.Exists(path) ? "This is a folder, not a file." : "The file does not exist."));
            return null;
        }

        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine(new AnalysisIssue(path, null, null, null, AnalysisIssueCodes.FileUnreadable, IssueSeverity.Error, $"The file cannot be read: {e.Message}"));
            return null;
        }
    }
}
