using Evident.Tests.Shared;

namespace Evident.Cli.Tests.Batch;

/// <summary>RevMan 5's "Data and analyses" CSV export: headings are not studies, each outcome is an analysis.</summary>
public sealed class RevMan5ExportTests
{
    [Fact]
    public void Fleiss1993Export_ReproducesTheTotalsRevManPrintedInItsHeadings()
    {
        var file = SharedFiles.Data("guido-s__meta", "inst", "extdata", "Fleiss1993_CR.csv");

        var result = Cli.Run("analyze", file, "--preset", "revman5", "--method", "FE", "--continuous", "MD", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        result.Issue("revman-headings");
        var outcomes = result.Outcomes();
        Assert.Equal(
            ["1.1 Aspirin for Preventing Death after Myocardial Infarction", "1.2 Mental Health Treatment versus Control"],
            outcomes.Select(o => o.GetProperty("outcome").GetString()));
        Assert.Equal([7, 5], outcomes.Select(o => o.GetProperty("rows").GetInt32()));

        // The outcome headings' Effect Estimate and Z as RevMan printed them (8 significant digits).
        Assert.Equal(0.89686556, Math.Exp(outcomes[0].GetProperty("estimate").GetDouble()), 1e-7);
        Assert.Equal(3.28763306, Math.Abs(outcomes[0].GetProperty("statistic").GetDouble()), 1e-7);
        Assert.Equal(-0.70938839, outcomes[1].GetProperty("estimate").GetDouble(), 1e-7);
        Assert.Equal(2.53211477, Math.Abs(outcomes[1].GetProperty("statistic").GetDouble()), 1e-7);
    }
}
