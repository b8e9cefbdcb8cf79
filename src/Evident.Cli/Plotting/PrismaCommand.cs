using System.CommandLine;
using Evident.Core;
using Evident.Rendering.Prisma;
using Evident.Review.Prisma;

namespace Evident.Cli.Plotting;

/// <summary>
/// <c>evident plot prisma FILE.csv --out F.svg|F.png</c>: the PRISMA 2020 flow diagram from the PRISMA2020 package's CSV.
/// The counts are checked first; a count that is not a whole number, or arithmetic that does not add up, is reported
/// with the boxes and numbers and the diagram is not written (exit 1) unless <c>--allow-inconsistent</c>.
/// </summary>
internal static class PrismaCommand
{
    /// <summary>The <c>prisma</c> subcommand.</summary>
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "Counts in the PRISMA2020 package's CSV layout: data, node, box, description, boxtext, tooltips, url, n." };
        var allow = new Option<bool>("--allow-inconsistent")
        {
            Description = "Write the diagram even when counts are not whole numbers or do not add up (the problems are still reported).",
        };
        var output = new PlotOutput();
        var command = output.AddTo(new Command("prisma",
            "The PRISMA 2020 flow diagram (Page et al. 2021): identification, screening and inclusion, with the previous-studies and "
            + "other-methods columns when they have counts. Counts that do not add up are reported by box and the diagram is not "
            + "written (exit 1) unless --allow-inconsistent.\n" + ExitCodes.HelpText)
        {
            file, allow,
        });

        command.Action = new EvidentCommand.UsageAction((parseResult, _, error) =>
        {
            if (output.UsageError(parseResult) is { } usage)
            {
                return EvidentCommand.Usage(error, usage, "plot prisma");
            }

            if (TableFile.Read(parseResult.GetRequiredValue(file), error, out var exitCode) is not { } table)
            {
                return exitCode;
            }

            var read = PrismaTable.Read(table.Header, table.Rows);
            var issues = read.Counts is { } counts ? [.. read.Issues, .. PrismaChecks.Check(counts)] : read.Issues;
            foreach (var issue in issues)
            {
                error.WriteLine(table.Locate(issue));
            }

            if (read.Counts is null)
            {
                return ExitCodes.NothingAnalysed;
            }

            var errors = issues.Count(i => i.Severity == IssueSeverity.Error);
            if (errors > 0 && !parseResult.GetValue(allow))
            {
                error.WriteLine(new AnalysisIssue(table.Name, table.HeaderLine, null, null, AnalysisIssueCodes.NothingWritten, IssueSeverity.Error,
                    $"{errors} problem{(errors == 1 ? string.Empty : "s")} with the counts; the diagram was not written (--allow-inconsistent writes it anyway)."));
                return ExitCodes.NothingAnalysed;
            }

            var path = parseResult.GetRequiredValue(output.Out);
            var written = PlotOutput.Write(PrismaDiagram.Draw(read.Counts), path, parseResult.GetValue(output.Dpi), error);
            if (written == ExitCodes.Success)
            {
                error.WriteLine($"wrote {path}");
            }

            return written;
        });
        return command;
    }
}
