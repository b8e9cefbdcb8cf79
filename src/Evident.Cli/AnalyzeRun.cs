using Evident.Analysis.Output;
using Evident.Cli.Files;
using Evident.Cli.Output;

namespace Evident.Cli;

/// <summary>How the command runs the analysis library: the file opened, progress and issues on stderr, the document on stdout.</summary>
internal static class AnalyzeRun
{
    /// <summary>
    /// <c>analyze</c>, <c>bias</c> and <c>sensitivity</c>: runs the analyses of the file at <paramref name="path"/>, writes
    /// the document in the requested format on <paramref name="output"/> as each analysis is done and the issues on
    /// <paramref name="error"/>, and returns the exit code.
    /// </summary>
    public static int Run(AnalyzeSettings settings, string path, TextWriter output, TextWriter error)
    {
        using var progress = new ProgressBar(error, ProgressBar.Wanted(error, settings.Quiet));
        var shape = settings.Sensitivity is not null ? TableShape.Studies : settings.Bias is not null ? TableShape.OutcomesWithBias : TableShape.Outcomes;
        var issues = IssueSink.Create(settings.Format, progress.WriteLine, batch: settings.By is not null, InputFile.TemporarySpool, echo: settings.Strict);

        // --strict writes the document only if the run is clean: until then it waits in a temporary file.
        using var held = settings.Strict ? new HeldOutput() : null;
        var document = held?.Writer ?? output;
        RunResult result;
        using (var sink = settings.Format == OutputFormat.Text ? new TextSink(document, issues) : ReportSink.Create(settings.Format, document, issues, shape))
        {
            result = Analyzer.Run(settings, InputFile.Open(path), sink, progress);
        }

        if (held is not null && result.Status == RunStatus.Analysed)
        {
            held.CopyTo(output);
        }

        progress.Dispose();
        if (result.Summary is { } summary && !settings.Quiet)
        {
            foreach (var line in summary.Lines(path))
            {
                progress.WriteLine(line);
            }
        }

        return ExitCodes.Of(result.Status);
    }

    /// <summary>
    /// Runs the analyses of the file at <paramref name="path"/> for a command that uses them (a plot, a report, a summary):
    /// the issues go to <paramref name="error"/>, one line each, as <c>analyze</c> prints them.
    /// </summary>
    public static (AnalysisResults Results, int ExitCode) Collect(AnalyzeSettings settings, string path, TextWriter error)
    {
        var results = Analyzer.Collect(settings, InputFile.Open(path));
        foreach (var issue in results.Issues)
        {
            error.WriteLine(issue.ToString());
        }

        return (results, ExitCodes.Of(results.Status));
    }

    /// <summary>A document held back in a temporary file (in memory if none can be made) until the run is known to be clean.</summary>
    private sealed class HeldOutput : IDisposable
    {
        private readonly Stream _stream;

        public HeldOutput()
        {
            try
            {
                _stream = InputFile.TemporarySpool();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _stream = new MemoryStream();
            }

            Writer = new StreamWriter(_stream, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
        }

        public StreamWriter Writer { get; }

        public void CopyTo(TextWriter output)
        {
            Writer.Flush();
            _stream.Position = 0;
            using var reader = new StreamReader(_stream, System.Text.Encoding.UTF8, false, 1 << 16, leaveOpen: true);
            var buffer = new char[1 << 16];
            int read;
            while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
            {
                output.Write(buffer, 0, read);
            }

            output.Flush();
        }

        public void Dispose()
        {
            Writer.Dispose();
            _stream.Dispose();
        }
    }
}
