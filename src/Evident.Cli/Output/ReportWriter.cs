using Evident.Cli.Analysis;

namespace Evident.Cli.Output;

/// <summary>Writes a <see cref="Report"/> in the requested format: the document on stdout, issue lines on stderr.</summary>
internal static class ReportWriter
{
    /// <summary>
    /// Text, CSV and Markdown put the issues on <paramref name="error"/>, one line each; JSON holds them in the
    /// document, so nothing but the document is written to <paramref name="output"/>.
    /// </summary>
    public static void Write(Report report, OutputFormat format, TextWriter output, TextWriter error)
    {
        switch (format)
        {
            case OutputFormat.Json:
                output.Write(JsonReport.Write(report));
                break;
            case OutputFormat.Csv:
                output.Write(FlatReport.Csv(report));
                break;
            case OutputFormat.Md:
                output.Write(FlatReport.Markdown(report));
                break;
            default:
                TextReport.Write(report, output);
                break;
        }

        if (format != OutputFormat.Json)
        {
            foreach (var issue in report.Issues)
            {
                error.WriteLine(issue.ToString());
            }
        }
    }
}
