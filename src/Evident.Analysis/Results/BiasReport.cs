using Evident.Core;
using Evident.Core.Bias;
using Evident.Core.Models;

namespace Evident.Analysis;

/// <summary>What <c>evident bias</c> computes besides the pooled model (its options).</summary>
public sealed record BiasSettings
{
    /// <summary>Egger's test as a meta-regression (metafor's default) or the classic weighted regression.</summary>
    public RegressionTestModel Model { get; init; } = RegressionTestModel.Rma;

    /// <summary>The predictor of the regression test (sei: Egger; ninv: Peters; …).</summary>
    public RegressionTestPredictor Predictor { get; init; } = RegressionTestPredictor.Sei;

    /// <summary>Trim-and-fill's estimator of the number of missing studies.</summary>
    public TrimAndFillEstimator Estimator { get; init; } = TrimAndFillEstimator.L0;

    /// <summary>The side of the funnel studies are missing from; null to estimate it.</summary>
    public FunnelSide? Side { get; init; }

    /// <summary>The p-value cut points of the step-function selection model (one-sided, the last one 1).</summary>
    public IReadOnlyList<double> Steps { get; init; } = SelectionModelOptions.Default.Steps;

    /// <summary>
    /// The direction the selection model's one-sided p-values favour; null for the direction of the pooled estimate
    /// (significant benefit is what gets published, whichever sign benefit has).
    /// </summary>
    public TestAlternative? Alternative { get; init; }
}

/// <summary>
/// The small-study and publication-bias analyses of one outcome, each Core's result as is. They all read the studies'
/// own effects and variances, also when the pooled model is Mantel-Haenszel or Peto.
/// </summary>
/// <param name="Egger">The regression test for funnel-plot asymmetry with its limit estimate.</param>
/// <param name="Begg">Begg and Mazumdar's rank correlation test.</param>
/// <param name="TrimAndFill">Trim and fill.</param>
/// <param name="Rosenthal">Rosenthal's fail-safe N.</param>
/// <param name="Orwin">Orwin's fail-safe N.</param>
/// <param name="Rosenberg">Rosenberg's fail-safe N.</param>
/// <param name="ExcessSignificance">The test of excess significance.</param>
/// <param name="Selection">The step-function selection model.</param>
/// <param name="SelectionAlternative">The direction the selection model's p-values favour.</param>
/// <param name="HenmiCopas">Henmi and Copas's confidence interval.</param>
/// <param name="Rows">The file line of each study the analyses read, in their order (for trim and fill's sources).</param>
public sealed record BiasReport(
    RegressionTestResult Egger,
    RankCorrelationResult Begg,
    TrimAndFillResult TrimAndFill,
    FailSafeNResult Rosenthal,
    FailSafeNResult Orwin,
    FailSafeNResult Rosenberg,
    ExcessSignificanceResult ExcessSignificance,
    SelectionModelResult Selection,
    TestAlternative SelectionAlternative,
    HenmiCopasResult HenmiCopas,
    IReadOnlyList<int> Rows)
{
    /// <summary>
    /// Runs every analysis on the pooled studies' <paramref name="yi"/> and <paramref name="vi"/> (and total sizes
    /// <paramref name="ni"/>, when known, for the sample-size predictors) with the model options of the analysis;
    /// <paramref name="pooledEstimate"/> sets the selection model's direction when it is not given.
    /// </summary>
    public static BiasReport Run(double[] yi, double[] vi, double[]? ni, IReadOnlyList<int> rows, FitOptions fit, BiasSettings settings, double pooledEstimate)
    {
        var alternative = settings.Alternative ?? (pooledEstimate < 0 ? TestAlternative.Less : TestAlternative.Greater);
        return new(
        RegressionTest.Run(yi, vi, new RegressionTestOptions { Model = settings.Model, Predictor = settings.Predictor, Fit = fit, Ni = ni }),
        RankCorrelationTest.Run(yi, vi),
        Core.Bias.TrimAndFill.Run(yi, vi, new TrimAndFillOptions { Estimator = settings.Estimator, Side = settings.Side, Fit = fit }),
        FailSafeN.Rosenthal(yi, vi),
        FailSafeN.Orwin(yi),
        FailSafeN.Rosenberg(yi, vi),
        Core.Bias.ExcessSignificance.Run(yi, vi),
        StepFunctionSelectionModel.Fit(yi, vi, SelectionModelOptions.Default with
        {
            Steps = settings.Steps,
            Fit = fit,
            Alternative = alternative,
        }),
        alternative,
        Core.Bias.HenmiCopas.Fit(yi, vi, fit.Level),
        rows);
    }

    /// <summary>Every issue of the analyses, with the index of the study concerned where there is one.</summary>
    public IEnumerable<Issue> Issues => Egger.Issues.Concat(Begg.Issues).Concat(TrimAndFill.Issues).Concat(Rosenthal.Issues).Concat(Orwin.Issues)
        .Concat(Rosenberg.Issues).Concat(ExcessSignificance.Issues).Concat(Selection.Issues).Concat(HenmiCopas.Issues);

    /// <summary>
    /// The notes a reader needs to weigh the results, one per code: too few studies for funnel-asymmetry tests
    /// (Cochrane Handbook §13.3.5.4), studies all of one size, and whatever else the analyses flagged.
    /// </summary>
    public IReadOnlyList<Issue> Guidance => [.. Issues.Where(i => i.StudyIndex is null).DistinctBy(i => (i.Code, i.Message))];
}
