using Evident.Analysis.Output;
using Evident.Cli.Files;
using Evident.Cli.Output;
using Evident.Core;

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
        => Run(settings, InputFile.Open(path), output, error);

    /// <summary>
    /// Runs the analyses of <paramref name="input"/> (see <see cref="Run(AnalyzeSettings, string, TextWriter, TextWriter)"/>).
    /// If the run fails part-way (an exception: a bug, or a file that cannot be read back), a JSON document is still
    /// ended validly, with an <c>internal-error</c> issue, before the exception goes on to the command (exit 70); a CSV,
    /// Markdown or text document has only whole rows and lines. With <c>--quiet</c> only errors are printed one by one.
    /// </summary>
    public static int Run(AnalyzeSettings settings, DataInput input, TextWriter output, TextWriter error)
    {
        using var progress = new ProgressBar(error, ProgressBar.Wanted(error, settings.Quiet));
        var guarded = progress.Guard(output);
        var shape = settings.Sensitivity is not null ? TableShape.Studies : settings.Bias is not null ? TableShape.OutcomesWithBias : TableShape.Outcomes;
        var lines = new IssueLines(progress.WriteLine, settings.Quiet);
        var issues = IssueSink.Passing(settings.Format, lines.Issue, batch: settings.By is not null, InputFile.TemporarySpool, echo: settings.Strict);

        // --strict writes the document only if the run is clean: until then it waits in a temporary file.
        using var held = settings.Strict ? new HeldOutput() : null;
        var document = held?.Writer ?? guarded;
        RunResult result;
        using (var sink = settings.Format == OutputFormat.Text ? new TextSink(document, issues) : ReportSink.Create(settings.Format, document, issues, shape))
        {
            try
            {
                result = Analyzer.Run(settings, input, sink, progress);
            }
            catch (Exception e) when (sink is JsonSink json && e is not OutputUnwritableException)
            {
                EndValidly(json, input.Name, e);
                throw;
            }
        }

        if (held is not null && result.Status == RunStatus.Analysed)
        {
            held.CopyTo(guarded);
        }

        lines.Finish(input.Name);
        if (result.Summary is { } summary && !settings.Quiet)
        {
            foreach (var line in summary.Lines(input.Name))
            {
                progress.WriteLine(line);
            }
        }

        return ExitCodes.Of(result.Status);
    }

    /// <summary>
    /// Runs the analyses of the file at <paramref name="path"/> for a command that uses them (a plot, a report, a summary):
    /// the issues go to <paramref name="error"/>, one line each, as <c>analyze</c> prints them (with
    /// <paramref name="quiet"/>, the errors and a count of the others).
    /// </summary>
    public static (AnalysisResults Results, int ExitCode) Collect(AnalyzeSettings settings, string path, TextWriter error, bool quiet)
    {
        var results = Analyzer.Collect(settings with { Quiet = true }, InputFile.Open(path));
        var lines = new IssueLines(error.WriteLine, quiet);
        foreach (var issue in results.Issues)
        {
            lines.Issue(issue);
        }

        lines.Finish(path);
        return (results, ExitCodes.Of(results.Status));
    }

    /// <summary>Ends the JSON document validly with the failure as an issue; a second failure here leaves the first to be reported.</summary>
    private static void EndValidly(JsonSink json, string file, Exception e)
    {
        try
        {
            json.Fail(new AnalysisIssue(file, null, null, null, AnalysisIssueCodes.InternalError, IssueSeverity.Error,
                $"The run failed part-way ({e.GetType().Name}: {e.Message}); the document holds what was done before. This is a bug in Evident: please report it."));
        }
        catch (Exception second) when (second is IOException or OutputUnwritableException or InvalidOperationException)
        {
            // Implementation note: the output cannot take the ending either; the command still reports the first failure.
        }
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
