using System.CommandLine;
using Evident.Core;
using Evident.Rendering.Analysis;
using Evident.Rendering.Drawing;
using Evident.Rendering.Reports;

namespace Evident.Cli.Plotting;

/// <summary>
/// The shape every <c>plot</c> subcommand of an analysis shares (forest, funnel, Baujat, L'Abbé, radial, bubble):
/// the analysis options of <c>analyze</c>, <c>--outcome</c>, and the output options. It runs the analysis as
/// <c>analyze</c> would (same numbers, same issues on stderr), then draws each outcome: one file, or with several
/// outcomes and no <c>--outcome</c> one file per outcome (<c>forest-MIP.svg</c>, <c>forest-MEP.svg</c>, …; names made unique by
/// <see cref="OutcomeFileNames"/>, each file said with its outcome).
/// </summary>
internal sealed class AnalysisPlot
{
    private readonly AnalysisOptions _analysis = new(formats: null, batch: false);
    private readonly PlotOutput _output = new();
    private readonly Option<string?> _outcome = new("--outcome")
    {
        Description = "Draw only this outcome (a value of the outcome column); by default every outcome, one file each.",
        HelpName = "NAME",
    };

    /// <summary>Adds the shared argument and options to <paramref name="command"/>.</summary>
    public Command AddTo(Command command)
    {
        _analysis.AddTo(command);
        command.Options.Add(_outcome);
        return _output.AddTo(command);
    }

    /// <summary>
    /// Sets <paramref name="command"/>'s action: analyse, then draw each outcome with <paramref name="draw"/>, which
    /// returns the picture, or null with a reason when the outcome cannot be drawn this way.
    /// </summary>
    public void Run(Command command, Func<ParseResult, OutcomeReport, AnalysisResults, PlotResult> draw)
    {
        command.Action = new EvidentCommand.UsageAction((parseResult, _, error) =>
        {
            if ((_analysis.UsageError(parseResult) ?? _output.UsageError(parseResult)) is { } usage)
            {
                return EvidentCommand.Usage(error, usage, "plot " + command.Name);
            }

            var asked = _analysis.Read(parseResult);
            var (run, exitCode) = AnalyzeRun.Collect(asked, _analysis.InputPath(parseResult), error, asked.Quiet);
            var outcomes = run.Outcomes;
            if (outcomes.Count == 0)
            {
                return exitCode;
            }

            var wanted = parseResult.GetValue(_outcome);
            var chosen = wanted is null ? outcomes : [.. outcomes.Where(o => string.Equals(o.Outcome, wanted, StringComparison.Ordinal))];
            if (chosen.Count == 0)
            {
                return EvidentCommand.Usage(
                    error, $"--outcome {wanted}: no such outcome; the file has {string.Join(", ", outcomes.Select(o => o.Outcome ?? "(none)"))}.", "plot " + command.Name);
            }

            var path = parseResult.GetRequiredValue(_output.Out);
            var names = OutcomeFileNames.Assign([.. chosen.Select(o => o.Outcome)]);
            var drawn = 0;
            for (var i = 0; i < chosen.Count; i++)
            {
                var outcome = chosen[i];
                var file = chosen.Count == 1 ? path : PerOutcome(path, names[i]);
                var result = draw(parseResult, outcome, run);
                if (result.Drawing is not { } drawing)
                {
                    error.WriteLine(new AnalysisIssue(run.InputName, null, null, outcome.Outcome, result.Code!, IssueSeverity.Error, result.Reason!));
                    continue;
                }

                var written = PlotOutput.Write(drawing, file, parseResult.GetValue(_output.Dpi), error);
                if (written != ExitCodes.Success)
                {
                    return written;
                }

                drawn++;
                error.WriteLine(chosen.Count == 1 || outcome.Outcome is null ? $"wrote {file}" : $"wrote {file} (outcome \"{outcome.Outcome}\")");
            }

            if (drawn == 0)
            {
                error.WriteLine(new AnalysisIssue(run.InputName, null, null, null, AnalysisIssueCodes.NothingWritten, IssueSeverity.Error,
                    $"No outcome could be drawn as a {command.Name} plot (see above); no file was written."));
                return ExitCodes.NothingAnalysed;
            }

            return ExitCodes.Success;
        });
    }

    /// <summary><c>forest.svg</c> and the name part of an outcome (<see cref="OutcomeFileNames"/>) → <c>forest-FEV1-FVC.svg</c>.</summary>
    public static string PerOutcome(string path, string name)
    {
        var directory = Path.GetDirectoryName(path);
        var file = Path.GetFileNameWithoutExtension(path) + "-" + name + Path.GetExtension(path);
        return string.IsNullOrEmpty(directory) ? file : Path.Combine(directory, file);
    }
}

/// <summary>A picture, or why there is none (with a stable code).</summary>
internal readonly record struct PlotResult(Drawing? Drawing, string? Code = null, string? Reason = null)
{
    /// <summary>No picture: <paramref name="code"/> and a sentence for people.</summary>
    public static PlotResult None(string code, string reason) => new(null, code, reason);

    /// <summary>A picture.</summary>
    public static implicit operator PlotResult(Drawing drawing) => new(drawing);

    /// <summary>The picture <paramref name="draw"/> makes of the data, or why there is no data.</summary>
    public static PlotResult Of<T>(PlotData<T> data, Func<T, Drawing> draw)
        where T : class
        => data.Data is { } d ? draw(d) : None(data.Code!, data.Reason!);
}
