using Evident.Core;
using Evident.Rendering.Analysis;
using Evident.Review.RiskOfBias;

namespace Evident.Cli.Plotting;

/// <summary>
/// <c>--rob FILE</c> of <c>plot forest</c> and <c>report</c>: the risk-of-bias judgements for the forest plot's
/// traffic-light columns, read from robvis's CSV layout by the reader <c>plot rob</c> uses.
/// </summary>
internal static class ForestRobFile
{
    /// <summary>
    /// Reads the file and prints its problems on <paramref name="error"/>, each at its line and column with its code
    /// (<see cref="RobIssueCodes"/>); null when it cannot be read or holds nothing to draw.
    /// </summary>
    public static ForestRiskOfBias? Read(string path, TextWriter error)
    {
        if (TableFile.Read(path, error, out _) is not { } table)
        {
            return null;
        }

        return RobCommand.Report(table, RobTable.Read(table.Header, table.Rows), error, IssueSeverity.Warning) is { } assessment
            ? ForestRiskOfBias.From(path, assessment, table.Lines)
            : null;
    }
}
