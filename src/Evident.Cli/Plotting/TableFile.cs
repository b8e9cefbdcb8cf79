using Evident.Analysis.Input;
using Evident.Cli.Files;

namespace Evident.Cli.Plotting;

/// <summary>A small CSV table on disk for a picture of review data (risk of bias, PRISMA counts), read whole.</summary>
internal static class TableFile
{
    /// <summary>
    /// Reads <paramref name="path"/>; null, with the problem on <paramref name="error"/> and its exit code, when it is
    /// missing, unreadable, empty or not a table. What reading found about its rows and encoding goes to
    /// <paramref name="error"/> too.
    /// </summary>
    public static TextTable? Read(string path, TextWriter error, out int exitCode)
    {
        var (table, issue, status) = TextTable.Read(InputFile.Open(path));
        if (issue is not null)
        {
            error.WriteLine(issue);
        }

        foreach (var found in table?.Issues ?? [])
        {
            error.WriteLine(found);
        }

        exitCode = ExitCodes.Of(status);
        return table;
    }
}
