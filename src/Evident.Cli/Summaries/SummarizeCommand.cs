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
        var outputs = new Option<string[]>("--out", "--output", "-o")
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
            + "An error in a JSON file is printed at its line and column and makes the exit code 1; the summary is still written, "
            + "unless the error is in the --about file, or none of its outcomes matches the analysis: then nothing is written.\n"
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

            var settings = analysis.Read(parseResult);
            var (source, errors, exitCode) = Read(settings, analysis.InputPath(parseResult), parseResult.GetValue(about), error);
            if (source is null)
            {
                return exitCode;
            }

            var summary = EvidenceSummary.Write(source, new SummaryOptions { Scale = scale.GetValue(parseResult), Generator = "Evident " + Analyzer.Version });
            if (files.Length == 0)
            {
                Output.TerminalWriter.For(output).Write(SummaryMarkdown.Write(summary)); // Markdown for people: no raw control characters
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
        string? json = null;
        if (IsJson(path))
        {
            if (TextFile.Read(path, error) is not { } text)
            {
                return (null, true, ExitCodes.InputUnreadable);
            }

            json = text;
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
            if (facts.Source is not { } f || facts.HasErrors)
            {
                var first = facts.Issues.FirstOrDefault(i => i.Severity == EvidenceIssueSeverity.Error);
                return Unusable(error, aboutPath, first?.Line, first?.Column, "The facts file has errors (above), so it cannot describe the analysis; nothing was written.");
            }

            var merged = AnalysisJson.WithFacts(source, f);
            var matched = merged.Outcomes.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
            var unmatched = 0;
            for (var i = 0; i < f.Outcomes.Length; i++)
            {
                if (!matched.Contains(f.Outcomes[i].Name))
                {
                    unmatched++;
                    var at = JsonPaths.Locate(aboutText, $"outcomes[{i}]");
                    error.WriteLine(new EvidenceIssue(AnalysisIssueCodes.AboutUnmatched, EvidenceIssueSeverity.Warning,
                        $"Outcome '{f.Outcomes[i].Name}' matches no outcome of the analysis by name or alias (the analysis has "
                        + $"{string.Join(", ", source.Outcomes.Take(20).Select(o => $"'{o.Name}'"))}{(source.Outcomes.Length > 20 ? ", …" : "")}); its description is not used.",
                        aboutPath, at?.Line, at?.Column, $"outcomes[{i}]"));
                }
            }

            if (f.Outcomes.Length > 0 && unmatched == f.Outcomes.Length)
            {
                var outcomes = JsonPaths.Locate(aboutText, "outcomes");
                return Unusable(error, aboutPath, outcomes?.Line, outcomes?.Column, $"None of the facts file's {f.Outcomes.Length} outcome{(f.Outcomes.Length == 1 ? string.Empty : "s")} matches an outcome of the analysis, so it describes another review; nothing was written.");
            }

            source = merged;
        }

        if (source.Outcomes.Length == 0)
        {
            var at = json is not null ? JsonPaths.Locate(json, "outcomes") : null;
            error.WriteLine(new EvidenceIssue(EvidenceIssueCodes.NoOutcome, EvidenceIssueSeverity.Error, "There is no outcome to summarize.",
                path, at?.Line ?? 1, at?.Column ?? 1, json is not null ? "outcomes" : null));
            return (null, true, ExitCodes.NothingAnalysed);
        }

        return (source, errors, ExitCodes.Success);
    }

    /// <summary>Says <c>--about</c>'s file cannot be used (<c>about-unusable</c>); nothing is written and the exit code is 1.</summary>
    private static (EvidenceSource? Source, bool Errors, int ExitCode) Unusable(TextWriter error, string aboutPath, int? line, int? column, string message)
    {
        error.WriteLine(new EvidenceIssue(AnalysisIssueCodes.AboutUnusable, EvidenceIssueSeverity.Error, message, aboutPath, line ?? 1, column ?? 1, null));
        return (null, true, ExitCodes.NothingAnalysed);
    }

    /// <summary>
    /// Runs the analysis exactly as <c>analyze</c> (and <see cref="Analyzer.Collect"/>) does, its issues on stderr, and
    /// returns its document (<see cref="AnalysisDocument"/>, as <c>analyze --format json</c> writes it).
    /// </summary>
    private static (AnalysisDocument? Document, int ExitCode) Analyse(AnalyzeSettings settings, string path, TextWriter error)
    {
        var (run, exitCode) = AnalyzeRun.Collect(settings, path, error, settings.Quiet);
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
