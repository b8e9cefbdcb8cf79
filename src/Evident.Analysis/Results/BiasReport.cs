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

    /// <summary>
    /// The results as named sections of scalar fields (JSON objects; CSV columns <c>section_field</c>), the same names
    /// for every outcome.
    /// </summary>
    public IReadOnlyList<(string Section, (string Name, FieldValue Value)[] Fields)> Sections() =>
    [
        ("regression_test", [
            ("model", Egger.Model.ToString().ToLowerInvariant()), ("predictor", RegressionTest.PredictorName(Egger.Predictor)), ("k", Egger.K),
            ("statistic", Egger.Statistic), ("df", Egger.Df), ("p", Egger.PValue), ("slope", Egger.Slope?.Estimate),
            ("limit_estimate", Egger.LimitEstimate), ("limit_se", Egger.LimitStandardError), ("limit_ci", Egger.LimitConfidenceInterval)]),
        ("rank_correlation", [("k", Begg.K), ("tau", Begg.Tau), ("score", Begg.Score), ("p", Begg.PValue), ("exact", Begg.Exact)]),
        ("trim_and_fill", [
            ("estimator", TrimAndFill.Estimator.ToString()), ("k0", TrimAndFill.K0), ("k0_se", TrimAndFill.K0StandardError), ("k0_p", TrimAndFill.K0PValue),
            ("side", TrimAndFill.Side?.ToString().ToLowerInvariant()), ("side_estimated", TrimAndFill.SideEstimated),
            ("estimate", TrimAndFill.Fit?.Estimate), ("ci", TrimAndFill.Fit?.ConfidenceInterval), ("p", TrimAndFill.Fit?.PValue),
            ("tau2", TrimAndFill.Fit?.Tau2)]),
        ("fail_safe_n", [
            ("rosenthal", Rosenthal.N), ("rosenthal_p", Rosenthal.PValue), ("orwin", Orwin.N), ("orwin_target", Orwin.Target),
            ("rosenberg", Rosenberg.N), ("rosenberg_p", Rosenberg.PValue)]),
        ("excess_significance", [
            ("observed", ExcessSignificance.Observed), ("expected", ExcessSignificance.Expected), ("ratio", ExcessSignificance.Ratio),
            ("test", ExcessSignificance.Test?.ToString().ToLowerInvariant()), ("statistic", ExcessSignificance.ChiSquare), ("p", ExcessSignificance.PValue),
            ("theta", ExcessSignificance.Theta)]),
        ("selection_model", [
            ("steps", string.Join(";", Selection.Steps.Select(s => s.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))),
            ("alternative", SelectionAlternative == TestAlternative.TwoSided ? "two-sided" : SelectionAlternative.ToString().ToLowerInvariant()),
            ("estimate", Selection.Estimate), ("se", Selection.StandardError), ("ci", Selection.ConfidenceInterval), ("p", Selection.PValue),
            ("tau2", Selection.Tau2), ("lrt", Selection.Lrt), ("lrt_df", Selection.LrtDf), ("lrt_p", Selection.LrtPValue), ("converged", Selection.Converged)]),
        ("henmi_copas", [("estimate", HenmiCopas.Estimate), ("se", HenmiCopas.StandardError), ("ci", HenmiCopas.ConfidenceInterval), ("tau2", HenmiCopas.Tau2)]),
    ];

    /// <summary>The column names of <see cref="Sections"/> flattened (for a CSV header).</summary>
    public static IEnumerable<(string Name, FieldValue Value)> Flatten(BiasReport? report)
        => (report ?? Placeholder).Sections().SelectMany(s => s.Fields.Select(f => ($"{s.Section}_{f.Name}", report is null ? default : f.Value)));

    /// <summary>A report of three equal studies, for the field names when there is no outcome.</summary>
    private static BiasReport Placeholder { get; } = Run([0, 0.1, 0.2], [1, 1, 1], null, [0, 0, 0], FitOptions.Default, new BiasSettings(), 0);
}
