using System.CommandLine;
using Evident.Analysis.Documents;
using Evident.Cli.Files;
using Evident.Evidence.Sources;
using Evident.Evidence.Summaries;

namespace Evident.Cli.Summaries;

/// <summary>
/// <c>evident summarize FILE [--about FACTS.json] [--out F.html] [--out F.md]</c>: a plain-language evidence summary
/// (<see cref="EvidenceSummary"/>) as HTML and/or Markdown, or Markdown on stdout without <c>--out</c>. What FILE is
/// decided by its name and content:
/// <list type="bullet">
/// <item>not <c>.json</c> (a CSV of studies: <c>.csv</c>, <c>.csv.gz</c>, <c>.tsv</c>, …): analysed exactly as
/// <c>analyze</c> does with the same options, its document (<see cref="AnalysisDocument"/>) read with
/// <see cref="AnalysisJson"/>;</item>
/// <item><c>.json</c> with a <c>settings</c> object: an analysis (<c>evident analyze --format json</c>);</item>
/// <item>any other <c>.json</c>: published results (<see cref="PublishedResults"/>).</item>
/// </list>
/// <c>--about</c> (a published-results file) gives an analysis its review facts and outcome descriptions
/// (<see cref="AnalysisJson.WithFacts"/>). Issues in the files are printed located; any error-level issue makes the exit
/// code 1, but what can be written still is.
/// </summary>
internal static class SummarizeCommand
{
    /// <summary>The <c>summarize</c> command.</summary>
    public static Command Create()
    {
        var analysis = new AnalysisOptions(formats: null, batch: true);
        var about = new Option<string?>("--about")
        {
            Description = "Review facts and outcome descriptions for an analysis (a published-results JSON file: title, intervention, "
                + "comparator, design, databases, dates, outcome full names, higher_is_better, certainty); its numbers are not used.",
            HelpName = "FACTS.json",
        };
        var outputs = new Option<string[]>("--out", "-o")
        {
            Description = "Write the summary to FILE.html (a self-contained page) or FILE.md (Markdown); repeat for both. Without it, Markdown goes to stdout.",
            HelpName = "FILE",
            Arity = ArgumentArity.ZeroOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var scale = new ChoiceOption<MagnitudeScale>(
            "--scale", "Size words for SMDs: cohen (0.2/0.5/0.8, Cohen 1988) or cochrane (<0.40/0.40-0.70/>0.70, Cochrane Handbook 5.1 §12.6.2).",
            "cohen", ("cohen", MagnitudeScale.Cohen), ("cochrane", MagnitudeScale.Cochrane));
        var force = new Option<bool>("--force") { Description = "Overwrite output files that exist." };
        var command = analysis.AddTo(new Command(
            "summarize",
            "A plain-language evidence summary (headline, key takeaway, design, results per outcome, limitations, in practice, study "
            + "details) as HTML or Markdown, every number linked to the value it came from. FILE is a CSV of studies (analysed as "
            + "'analyze' does, with the same options), an analysis JSON ('analyze --format json') or a published-results JSON file. "
            + "An error in a JSON file is printed at its line and column and makes the exit code 1; the summary is still written.\n"
            + ExitCodes.HelpText));
        command.Options.Add(about);
        command.Options.Add(outputs);
        command.Options.Add(scale.Option);
        command.Options.Add(force);
        command.Action = new EvidentCommand.UsageAction((parseResult, output, error) =>
        {
            if (analysis.UsageError(parseResult) is { } usage)
            {
                return EvidentCommand.Usage(error, usage, "summarize");
            }

            var files = parseResult.GetValue(outputs) ?? [];
            if (files.FirstOrDefault(f => FormatOf(f) is null) is { } bad)
            {
                return EvidentCommand.Usage(error, $"--out {bad}: the file name must end in .html or .md.", "summarize");
            }

            if (!parseResult.GetValue(force) && OutputFiles.Existing(files) is { } existing)
            {
                return OutputFiles.Refuse(error, existing);
            }

            var settings = analysis.Read(parseResult) with { Quiet = true };
            var (source, errors, exitCode) = Read(settings, analysis.InputPath(parseResult), parseResult.GetValue(about), error);
            if (source is null)
            {
                return exitCode;
            }

            var summary = EvidenceSummary.Write(source, new SummaryOptions { Scale = scale.GetValue(parseResult), Generator = "Evident " + Analyzer.Version });
            if (files.Length == 0)
            {
                output.Write(SummaryMarkdown.Write(summary));
                output.Flush();
            }

            foreach (var file in files)
            {
                var text = FormatOf(file) == "html" ? SummaryHtml.Write(summary) : SummaryMarkdown.Write(summary);
                if (OutputFiles.Write(file, text, error, "the summary") is not ExitCodes.Success and var failed)
                {
                    return failed;
                }

                error.WriteLine($"wrote {file}");
            }

            return errors ? ExitCodes.NothingAnalysed : ExitCodes.Success;
        });
        return command;
    }

    /// <summary><c>html</c> or <c>md</c> from an output file's name; null for neither.</summary>
    public static string? FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".html" or ".htm" => "html",
        ".md" or ".markdown" => "md",
        _ => null,
    };

    /// <summary>
    /// The evidence from the input (and <c>--about</c>), with every issue printed on <paramref name="error"/>; null with
    /// the exit code when there is nothing to summarize. <c>Errors</c> says whether any issue was an error.
    /// </summary>
    private static (EvidenceSource? Source, bool Errors, int ExitCode) Read(AnalyzeSettings settings, string path, string? aboutPath, TextWriter error)
    {
        EvidenceRead read;
        var isAnalysis = true;
        if (IsJson(path))
        {
            if (TextFile.Read(path, error) is not { } text)
            {
                return (null, true, ExitCodes.InputUnreadable);
            }

            isAnalysis = AnalysisJson.Recognises(text);
            read = isAnalysis ? AnalysisJson.Read(text, path) : PublishedResults.Read(text, path);
        }
        else
        {
            var (document, exitCode) = Analyse(settings, path, error);
            if (document is null)
            {
                return (null, true, exitCode);
            }

            read = AnalysisJson.Read(document, path);
        }

        Print(read, error);
        if (read.Source is not { } source)
        {
            return (null, true, ExitCodes.NothingAnalysed);
        }

        var errors = read.HasErrors;
        if (aboutPath is not null)
        {
            if (!isAnalysis)
            {
                error.WriteLine($"--about applies to an analysis (a CSV of studies or an analysis JSON); {path} holds published results, which carry their own review facts.");
                error.WriteLine("Run 'evident summarize --help' for usage.");
                return (null, true, ExitCodes.UsageError);
            }

            if (TextFile.Read(aboutPath, error) is not { } aboutText)
            {
                return (null, true, ExitCodes.InputUnreadable);
            }

            var facts = PublishedResults.Read(aboutText, aboutPath);
            Print(facts, error);
            errors |= facts.HasErrors;
            if (facts.Source is { } f)
            {
                var merged = AnalysisJson.WithFacts(source, f);
                for (var i = 0; i < f.Outcomes.Length; i++)
                {
                    if (!merged.Outcomes.Any(o => o.Name == f.Outcomes[i].Name))
                    {
                        error.WriteLine(new EvidenceIssue(AnalysisIssueCodes.AboutUnmatched, EvidenceIssueSeverity.Warning,
                            $"Outcome '{f.Outcomes[i].Name}' matches no outcome of the analysis by name or alias (the analysis has "
                            + $"{string.Join(", ", source.Outcomes.Select(o => $"'{o.Name}'"))}); its description is not used.",
                            aboutPath, null, null, $"outcomes[{i}]"));
                    }
                }

                source = merged;
            }
        }

        if (source.Outcomes.Length == 0)
        {
            error.WriteLine($"{path}: no outcome to summarize.");
            return (null, true, ExitCodes.NothingAnalysed);
        }

        return (source, errors, ExitCodes.Success);
    }

    /// <summary>
    /// Runs the analysis exactly as <c>analyze</c> (and <see cref="Analyzer.Collect"/>) does, its issues on stderr, and
    /// returns its document (<see cref="AnalysisDocument"/>, as <c>analyze --format json</c> writes it).
    /// </summary>
    private static (AnalysisDocument? Document, int ExitCode) Analyse(AnalyzeSettings settings, string path, TextWriter error)
    {
        var (run, exitCode) = AnalyzeRun.Collect(settings, path, error);
        return exitCode == ExitCodes.Success ? (AnalysisDocument.From(run, "report"), exitCode) : (null, exitCode);
    }

    private static void Print(EvidenceRead read, TextWriter error)
    {
        foreach (var issue in read.Issues)
        {
            error.WriteLine(issue.ToString());
        }
    }

    private static bool IsJson(string path) => path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
}
