using System.CommandLine;
using System.CommandLine.Parsing;
using Evident.Cli.Files;
using Evident.Cli.Plotting;
using Evident.Core;
using Evident.Rendering.Analysis;
using Evident.Rendering.Reports;
using Evident.Review.Prisma;

namespace Evident.Cli.Reporting;

/// <summary>
/// <c>evident report FILE [analysis options] [--bias] [--sensitivity] [--title TEXT] --out F.html|F.md|F.json ...</c>: runs
/// the analysis as <c>analyze</c> does and writes its report, in each format asked for. Without <c>--out</c> the report
/// is <c>NAME.report.html</c> in the current folder (NAME: the input file's name without <c>.csv</c>/<c>.gz</c>). An
/// existing file is never overwritten without <c>--force</c>.
/// </summary>
internal static class ReportCommand
{
    /// <summary>The <c>report</c> subcommand.</summary>
    public static Command Create()
    {
        var analysis = new AnalysisOptions(formats: null, batch: false);
        var command = analysis.AddTo(new Command(
            "report",
            "Write an analysis report: a self-contained HTML page (inline SVG plots, no external requests), Markdown (plots as SVG files "
            + "beside it) or JSON. It holds a methods paragraph made from the settings used, with citations; per outcome the pooled result "
            + "with I² and its Cochrane Handbook band, forest and funnel plots, the studies, subgroups and meta-regression; small-study and "
            + "sensitivity analyses with --bias and --sensitivity; and every input issue.\n" + ExitCodes.HelpText));
        var outs = new Option<string[]>("--out", "--output", "-o")
        {
            Description = "A report file to write: FILE.html, FILE.md or FILE.json; repeat for several. Default: NAME.report.html in the current folder.",
            HelpName = "FILE",
        };
        var title = new Option<string?>("--title") { Description = "The report's title (default: \"Meta-analysis of FILE\").", HelpName = "TEXT" };
        var bias = new Option<bool>("--bias") { Description = "Add the small-study and publication-bias analyses of 'evident bias' (its default options)." };
        var sensitivity = new Option<bool>("--sensitivity") { Description = "Add the sensitivity analyses of 'evident sensitivity' (its default options)." };
        var force = new Option<bool>("--force") { Description = "Overwrite report files (and a Markdown report's plot files) that exist." };
        var decimals = new Option<int>("--decimals")
        {
            Description = "Decimals of effects and their intervals in the HTML and Markdown (default 2; the JSON has every digit).",
            DefaultValueFactory = _ => 2,
            CustomParser = Decimals,
        };
        foreach (var option in new Option[] { outs, title, bias, sensitivity, force, decimals })
        {
            command.Options.Add(option);
        }

        // The forest plots' texts and risk-of-bias columns: the options of 'plot forest', defined once for both.
        var figure = new ForestFigureOptions();
        figure.AddTo(command);
        var prisma = new Option<string?>("--prisma")
        {
            Description = "Add the PRISMA 2020 flow diagram of the study selection, from counts in the PRISMA2020 package's CSV layout (as 'plot prisma' reads; counts that do not add up stop the report).",
            HelpName = "FILE",
        };
        command.Options.Add(prisma);
        EvidentCommand.Check(command, parseResult => EvidentCommand.MissingFile("--prisma", parseResult.GetValue(prisma)));

        command.Action = new EvidentCommand.UsageAction((parseResult, _, error) =>
        {
            var asked = analysis.Read(parseResult);
            var inputPath = analysis.InputPath(parseResult);
            var paths = parseResult.GetValue(outs) is { Length: > 0 } given ? given : [DefaultPath(inputPath)];
            if ((analysis.UsageError(parseResult) ?? OutputError(paths)) is { } usage)
            {
                return EvidentCommand.Usage(error, usage, "report");
            }

            var overwrite = parseResult.GetValue(force);
            if (!overwrite && OutputFiles.Existing(paths) is { } exists)
            {
                return OutputFiles.Refuse(error, exists);
            }

            ForestRiskOfBias? robTable = null;
            if (parseResult.GetValue(figure.Rob) is { } robFile && (robTable = ForestRobFile.Read(robFile, error)) is null)
            {
                error.WriteLine(new AnalysisIssue(robFile, null, null, null, AnalysisIssueCodes.RobFileUnusable, IssueSeverity.Error,
                    "The risk-of-bias file cannot be used (see above); the report was not written."));
                return ExitCodes.NothingAnalysed;
            }

            PrismaCounts? counts = null;
            if (parseResult.GetValue(prisma) is { } prismaFile && (counts = PrismaFigure(prismaFile, error)) is null)
            {
                return ExitCodes.NothingAnalysed;
            }

            var settings = asked with
            {
                Quiet = true,
                Bias = parseResult.GetValue(bias) ? new BiasSettings() : null,
                Sensitivity = parseResult.GetValue(sensitivity) ? new SensitivitySettings() : null,
            };
            var (run, exitCode) = AnalyzeRun.Collect(settings, inputPath, error, asked.Quiet);
            if (run.Outcomes.Count == 0)
            {
                error.WriteLine(new AnalysisIssue(inputPath, null, null, null, AnalysisIssueCodes.NothingWritten, Core.IssueSeverity.Error,
                    "No outcome could be analysed (see above), so no report was written."));
                return exitCode;
            }

            var request = new ReportRequest
            {
                Run = run,
                Title = parseResult.GetValue(title),
                Generated = DateTimeOffset.UtcNow,
                Decimals = parseResult.GetValue(decimals),
                Arms = ArmLabels.Given(parseResult, figure.Arms),
                FavoursLeft = parseResult.GetValue(figure.FavoursLeft),
                FavoursRight = parseResult.GetValue(figure.FavoursRight),
                RiskOfBias = robTable,
                Prisma = counts,
            };
            var document = ReportComposer.Compose(request);
            foreach (var warning in document.Warnings)
            {
                error.WriteLine(warning);
            }

            var files = paths.SelectMany(path => Render(document, run, path)).ToList();
            if (!overwrite && OutputFiles.Existing(files.Select(f => f.Path)) is { } existingFigure)
            {
                return OutputFiles.Refuse(error, existingFigure);
            }

            foreach (var (path, text) in files)
            {
                if (OutputFiles.Write(path, text, error, "the report") is not ExitCodes.Success and var failed)
                {
                    return failed;
                }
            }

            foreach (var path in paths)
            {
                error.WriteLine($"wrote {path}");
            }

            return exitCode;
        });
        return command;
    }

    /// <summary>
    /// The counts of <c>--prisma</c>, read and checked as <c>plot prisma</c> does, every problem printed at its line and
    /// column; null (with a <see cref="AnalysisIssueCodes.PrismaFileUnusable"/> line) when the file cannot be read, has no
    /// counts, or its counts do not add up.
    /// </summary>
    private static PrismaCounts? PrismaFigure(string path, TextWriter error)
    {
        if (TableFile.Read(path, error, out _) is not { } table)
        {
            return Unusable(path, error);
        }

        var read = PrismaTable.Read(table.Header, table.Rows);
        var issues = read.Counts is { } c ? [.. read.Issues, .. PrismaChecks.Check(c)] : read.Issues;
        foreach (var issue in issues)
        {
            error.WriteLine(table.Locate(issue));
        }

        return read.Counts is { } counts && !issues.Any(i => i.Severity == IssueSeverity.Error) ? counts : Unusable(path, error);
    }

    private static PrismaCounts? Unusable(string path, TextWriter error)
    {
        error.WriteLine(new AnalysisIssue(path, null, null, null, AnalysisIssueCodes.PrismaFileUnusable, IssueSeverity.Error,
            "The PRISMA file cannot be used (see above; 'evident plot prisma' shows the diagram with --allow-inconsistent); the report was not written."));
        return null;
    }

    /// <summary>
    /// The report when no <c>--out</c> is given: <c>NAME.report.html</c> in the current folder, NAME being the input file's
    /// name without <c>.gz</c> and then its extension (<c>bcg.csv</c> → <c>bcg.report.html</c>).
    /// </summary>
    public static string DefaultPath(string input)
    {
        var name = Path.GetFileName(input);
        if (name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            name = name[..^3];
        }

        name = Path.GetFileNameWithoutExtension(name);
        return (name.Length == 0 ? "evident" : name) + ".report.html";
    }

    /// <summary>The format a report file's name asks for: <c>html</c>, <c>md</c> or <c>json</c>; null for none of them.</summary>
    public static string? FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".html" => "html",
        ".md" => "md",
        ".json" => "json",
        _ => null,
    };

    /// <summary>A usage error in the output files: a name that is not .html, .md or .json, or the same file twice.</summary>
    private static string? OutputError(IReadOnlyList<string> paths)
    {
        if (paths.FirstOrDefault(p => FormatOf(p) is null) is { } bad)
        {
            return $"--out {bad}: the file name must end in .html, .md or .json.";
        }

        var twice = paths.GroupBy(p => Path.GetFullPath(p), StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        return twice is null ? null : $"--out {twice.First()} is given more than once.";
    }

    /// <summary>The files of one <c>--out</c>: the report, and for Markdown its plots beside it.</summary>
    private static IEnumerable<(string Path, string Text)> Render(ReportDocument document, AnalysisResults run, string path)
    {
        switch (FormatOf(path))
        {
            case "md":
                var stem = Path.GetFileNameWithoutExtension(path);
                var folder = Path.GetDirectoryName(path) ?? string.Empty;
                var (text, figures) = MarkdownReport.Write(document, stem);
                yield return (path, text);
                foreach (var (name, svg) in figures)
                {
                    yield return (Path.Combine(folder, name), svg);
                }

                break;
            case "json":
                yield return (path, JsonReport.Write(document, Analysis.Documents.AnalysisDocument.From(run, "report")));
                break;
            default:
                yield return (path, HtmlReport.Write(document));
                break;
        }
    }


    private static int Decimals(ArgumentResult result)
    {
        var token = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
        if (int.TryParse(token, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value <= 8)
        {
            return value;
        }

        result.AddError($"--decimals must be a whole number from 0 to 8; got '{token}'.");
        return 2;
    }
}
