using System.CommandLine;
using Evident.Cli.Files;
using Evident.Cli.Output;
using Evident.Evidence.Checking;
using Evident.Evidence.Sources;

namespace Evident.Cli.Checking;

/// <summary>
/// <c>evident check SUMMARY --against SOURCE</c>: the automated accuracy review of a plain-language summary (.md,
/// .html, .txt) against the evidence (a published-results JSON or an Evident analysis JSON, recognised by its content);
/// <c>evident check --abstract FILE</c>: the internal-consistency checks of a published abstract alone. Exit code 0
/// when no finding is an error or decision error, 1 when one is, 2 on a usage error, 3 when a file cannot be read.
/// </summary>
internal static class CheckCommand
{
    private enum Format
    {
        Text,
        Json,
    }

    /// <summary>The exit codes as <c>--help</c> shows them.</summary>
    private const string Help = "Exit codes: 0 no error or decision error found, 1 errors or decision errors found, 2 usage error, 3 a file missing or unreadable, 70 internal error (a bug: please report it).";

    /// <summary>The <c>check</c> subcommand.</summary>
    public static Command Create()
    {
        var summary = new Argument<string?>("SUMMARY") { Description = "The summary to check: Markdown (.md), HTML (.html) or text (.txt).", Arity = ArgumentArity.ZeroOrOne };
        var against = new Option<string?>("--against")
        {
            Description = "The evidence the summary is checked against: a published-results JSON (README, \"Published results\") or an analysis JSON (evident analyze --format json).",
            HelpName = "SOURCE",
        };
        var facts = new Option<string?>("--facts")
        {
            Description = "With an analysis JSON: a published-results JSON describing the review (names, aliases, direction, certainty, counts); its numbers are not used.",
            HelpName = "FILE",
        };
        var abstractFile = new Option<string?>("--abstract")
        {
            Description = "Check a published abstract alone (.txt, .md or .html): each result's CI and p against each other, and the CI a p implies where no CI is given.",
            HelpName = "FILE",
        };
        var format = new ChoiceOption<Format>("--format", "Output format.", "text", ("text", Format.Text), ("json", Format.Json));
        var scale = new ChoiceOption<SizeScale>("--scale", "Scale for size words: Cohen (0.2/0.5/0.8), Cochrane (0.4/0.7) or any (either).", "any",
            ("any", SizeScale.Any), ("cohen", SizeScale.Cohen), ("cochrane", SizeScale.Cochrane));
        var command = new Command(
            "check",
            "Automated accuracy review of a plain-language summary against its evidence: every number traced (rounding-aware), CIs well formed, "
            + "p consistent with the CI, significance, direction, size and hedging words against the results and their certainty, counts, "
            + "heterogeneity words, the evidence level kept apart from certainty, no recommendation in the key takeaway, claims without a source. "
            + "With --abstract, the internal-consistency checks of a published abstract.\n" + Help)
        {
            summary, against, facts, abstractFile, format.Option, scale.Option,
        };
        command.Action = new EvidentCommand.UsageAction((parseResult, output, error) =>
        {
            var summaryPath = parseResult.GetValue(summary);
            var sourcePath = parseResult.GetValue(against);
            var abstractPath = parseResult.GetValue(abstractFile);
            var factsPath = parseResult.GetValue(facts);
            var asJson = format.GetValue(parseResult) == Format.Json;
            if (abstractPath is not null)
            {
                if (summaryPath is not null || sourcePath is not null)
                {
                    return EvidentCommand.Usage(error, "--abstract checks an abstract alone: give no SUMMARY and no --against with it.", "check");
                }

                return RunAbstract(abstractPath, asJson, output, error);
            }

            if (summaryPath is null || sourcePath is null)
            {
                return EvidentCommand.Usage(error, summaryPath is null ? "Give the SUMMARY to check and --against SOURCE, or --abstract FILE." : "Give --against SOURCE: the evidence the summary is checked against.", "check");
            }

            if (factsPath is not null && !File.Exists(factsPath))
            {
                return Unreadable(error, factsPath, AnalysisIssueCodes.FileNotFound, "The file does not exist.");
            }

            return Run(summaryPath, sourcePath, factsPath, new CheckOptions { Scale = scale.GetValue(parseResult) }, asJson, output, error);
        });
        return command;
    }

    private static int Run(string summaryPath, string sourcePath, string? factsPath, CheckOptions options, bool asJson, TextWriter output, TextWriter error)
    {
        if (TextFile.Read(summaryPath, error) is not { } summaryText || TextFile.Read(sourcePath, error) is not { } sourceText)
        {
            return ExitCodes.InputUnreadable;
        }

        var read = AnalysisJson.Recognises(sourceText) ? AnalysisJson.Read(sourceText, sourcePath) : PublishedResults.Read(sourceText, sourcePath);
        foreach (var issue in read.Issues)
        {
            error.WriteLine(issue.ToString());
        }

        if (read.Source is not { } source)
        {
            return ExitCodes.InputUnreadable;
        }

        if (factsPath is not null)
        {
            if (TextFile.Read(factsPath, error) is not { } factsText)
            {
                return ExitCodes.InputUnreadable;
            }

            var factsRead = PublishedResults.Read(factsText, factsPath);
            foreach (var issue in factsRead.Issues)
            {
                error.WriteLine(issue.ToString());
            }

            if (factsRead.Source is not { } factsSource)
            {
                return ExitCodes.InputUnreadable;
            }

            source = source.Kind == SourceKind.Analysis ? AnalysisJson.WithFacts(source, factsSource) : source;
        }

        var document = SummaryDocument.Read(summaryText, SummaryDocument.FormatOf(summaryPath));
        var result = SummaryCheck.Run(document, source, options);
        (asJson ? output : TerminalWriter.For(output)).Write(asJson ? CheckReport.Json(result, summaryPath, sourcePath) : CheckReport.Text(result, summaryPath));
        return result.HasErrors ? ExitCodes.NothingAnalysed : ExitCodes.Success;
    }

    private static int RunAbstract(string path, bool asJson, TextWriter output, TextWriter error)
    {
        if (TextFile.Read(path, error) is not { } text)
        {
            return ExitCodes.InputUnreadable;
        }

        var result = AbstractCheck.Run(SummaryDocument.Read(text, SummaryDocument.FormatOf(path)));
        (asJson ? output : TerminalWriter.For(output)).Write(asJson ? AbstractCheck.Json(result, path) : AbstractCheck.Text(result, path));
        return result.HasErrors ? ExitCodes.NothingAnalysed : ExitCodes.Success;
    }

    private static int Unreadable(TextWriter error, string path, string code, string message)
    {
        error.WriteLine(new AnalysisIssue(path, null, null, null, code, Core.IssueSeverity.Error, message));
        return ExitCodes.InputUnreadable;
    }
}
