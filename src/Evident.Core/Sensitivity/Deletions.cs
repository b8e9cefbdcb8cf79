using System.Globalization;
using Evident.Core.Models;

namespace Evident.Core.Sensitivity;

/// <summary>
/// The studies of a sensitivity analysis after validation, the full fit, and the k fits with one study left out: what
/// leave-one-out, influence and Baujat are computed from.
/// </summary>
internal sealed class Deletions
{
    private Deletions(double[] y, double[] v, FitOptions options, MetaAnalysisResult full, SubsetFit[] fits, List<Issue> issues)
    {
        Y = y;
        V = v;
        Options = options;
        Full = full;
        Fits = fits;
        Issues = issues;
    }

    public double[] Y { get; }

    public double[] V { get; }

    public FitOptions Options { get; }

    public MetaAnalysisResult Full { get; }

    /// <summary>Fit i leaves out study i; empty when k = 1.</summary>
    public SubsetFit[] Fits { get; }

    public List<Issue> Issues { get; }

    public int K => Y.Length;

    /// <summary>
    /// Validates the data and fits the full model and the k leave-one-out models. Null (with the reasons in
    /// <paramref name="issues"/>) when the data cannot be analysed. Each deleted fit starts its τ² iteration from the full
    /// fit's τ̂², its sums at τ̂² and at τ² = 0 are the full sums minus study i's terms (O(1)), and near τ̂² they come from
    /// the series of <see cref="MomentSeries"/> (O(M)); so the k fits cost O(k·M) in all, not O(k²).
    /// </summary>
    public static Deletions? Compute(ReadOnlySpan<double> yi, ReadOnlySpan<double> vi, FitOptions? options, string analysis, out List<Issue> issues)
    {
        options ??= FitOptions.Default;
        Studies.CheckOptions(options);
        issues = [];
        if (Studies.Validate(yi, vi, issues) is not var (y, v))
        {
            return null;
        }

        var full = MetaAnalysis.Fit(y, v, options);
        var k = y.Length;
        if (k == 1)
        {
            issues.Add(new Issue(IssueCodes.SensitivityTooFewStudies, IssueSeverity.Warning,
                $"{analysis} needs at least 2 studies (there is nothing to leave out of 1)."));
            return new Deletions(y, v, options, full, [], issues);
        }

        if (k == 2)
        {
            issues.Add(new Issue(IssueCodes.LeaveOneOutSingleStudy, IssueSeverity.Info,
                $"With 2 studies each fit without one study has k = 1: τ² = 0, Q = 0 on 0 df, I² = 0, H² = 1, and the z test (as metafor)."));
        }

        var tau2 = full.Tau2;
        var iterative = options.Tau2 is null && options.Method is Tau2Method.REML or Tau2Method.ML or Tau2Method.PM or Tau2Method.EB;
        var fitter = new SubsetFitter(y, v, options) { Series = iterative ? new MomentSeries(y, v, tau2, full.Estimate) : null };
        var zero = fitter.Pass(k, -1, 0, 0);
        zero = fitter.Pass(k, -1, 0, zero.Mu);
        var atTau2 = tau2 > 0 ? fitter.Pass(k, -1, tau2, full.Estimate) : zero;
        var fits = new SubsetFit[k];
        for (var i = 0; i < k; i++)
        {
            fits[i] = fitter.Fit(k, i, zero.Without(y[i], 1 / v[i]), tau2, atTau2.Without(y[i], 1 / (v[i] + tau2)));
            if (!fits[i].Converged)
            {
                issues.Add(new Issue(IssueCodes.NotConverged, IssueSeverity.Warning, string.Create(CultureInfo.InvariantCulture,
                    $"The {options.Method} estimator did not converge for the fit without study {i + 1}; the best point found is used."), i));
            }
        }

        return new Deletions(y, v, options, full, fits, issues);
    }

    /// <summary>Var(μ̂) of fit i as its test has it (Knapp-Hartung scaled under knha/adhoc).</summary>
    public double DeletedVariance(int i) => RowBuilder.Scale(RowBuilder.TestFor(Options.Test, Fits[i].K), Fits[i]) / Fits[i].AtTau2.SumW;
}
