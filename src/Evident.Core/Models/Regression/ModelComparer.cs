using System.Globalization;
using Evident.Core.Numerics;

namespace Evident.Core.Models.Regression;

/// <summary>Likelihood-ratio tests of nested meta-regressions (see <see cref="MetaRegression.Compare"/>).</summary>
internal static class ModelComparer
{
    public static ModelComparison Compare(MetaRegressionResult first, MetaRegressionResult second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var (full, reduced) = Parameters(first) >= Parameters(second) ? (first, second) : (second, first);
        var restricted = full.Method == Tau2Method.REML;
        var issues = new List<Issue>();
        var df = Parameters(full) - Parameters(reduced);
        var meaningful = true;

        if (!SameData(full, reduced))
        {
            issues.Add(new Issue(IssueCodes.LrtNotMeaningful, IssueSeverity.Error,
                "The models were fitted to different studies (yi or vi differ), so their likelihoods cannot be compared."));
            meaningful = false;
        }

        if ((full.Method == Tau2Method.REML) != (reduced.Method == Tau2Method.REML))
        {
            issues.Add(new Issue(IssueCodes.LrtNotMeaningful, IssueSeverity.Error, string.Create(CultureInfo.InvariantCulture,
                $"One model is fitted by REML and the other by {(restricted ? reduced.Method : full.Method)}; their likelihoods are not comparable (refit both with ML).")));
            meaningful = false;
        }

        if (df == 0)
        {
            issues.Add(new Issue(IssueCodes.LrtNotMeaningful, IssueSeverity.Error,
                "The models have the same number of parameters, so a likelihood-ratio test is not meaningful."));
            meaningful = false;
        }

        if (!IsLikelihoodMethod(full.Method) || !IsLikelihoodMethod(reduced.Method))
        {
            issues.Add(new Issue(IssueCodes.LrtNotLikelihood, IssueSeverity.Warning,
                "Likelihood-ratio tests should be based on ML or REML fits; the ML likelihood at these τ² estimates is used."));
        }

        if (restricted && meaningful && !full.Design.ColumnNames.SequenceEqual(reduced.Design.ColumnNames, StringComparer.Ordinal))
        {
            issues.Add(new Issue(IssueCodes.LrtRemlFixedEffects, IssueSeverity.Warning,
                "REML likelihoods of models with different fixed effects are not comparable; refit both models with ML for this test."));
        }

        if (meaningful && !IsNested(full, reduced))
        {
            issues.Add(new Issue(IssueCodes.ModelsNotNested, IssueSeverity.Warning,
                "The reduced model's columns are not all in the span of the full model's, so the models are not nested and the χ² reference distribution does not apply."));
        }

        var fullFit = restricted ? full.RestrictedFit : full.MaximumLikelihoodFit;
        var reducedFit = restricted ? reduced.RestrictedFit : reduced.MaximumLikelihoodFit;
        double? statistic = null, p = null;
        if (meaningful)
        {
            // Truncated at 0 as metafor does (a REML comparison or a non-likelihood τ² can lower the full model's likelihood).
            statistic = Math.Max(0, 2 * (fullFit.LogLikelihood - reducedFit.LogLikelihood));
            p = Probability.ChiSquareUpperTail(statistic.Value, df);
        }

        return new ModelComparison
        {
            Full = full,
            Reduced = reduced,
            Restricted = restricted,
            Statistic = statistic,
            Df = df,
            PValue = p,
            R2 = meaningful ? R2(full, reduced) : null,
            Issues = issues,
        };
    }

    private static int Parameters(MetaRegressionResult fit) => fit.MaximumLikelihoodFit.Parameters;

    private static bool IsLikelihoodMethod(Tau2Method method) => method is Tau2Method.ML or Tau2Method.REML or Tau2Method.EE or Tau2Method.FE;

    private static bool SameData(MetaRegressionResult a, MetaRegressionResult b) =>
        a.K == b.K && a.Yi.SequenceEqual(b.Yi) && a.Vi.SequenceEqual(b.Vi);

    /// <summary>Whether every column of the reduced design lies in the span of the full design (relative residual ≤ 1e-7).</summary>
    private static bool IsNested(MetaRegressionResult full, MetaRegressionResult reduced)
    {
        var k = full.K;
        var ones = Enumerable.Repeat(1.0, k).ToArray();
        var x = full.Design.Values.ToArray();
        for (var j = 0; j < reduced.P; j++)
        {
            var column = reduced.Design.Column(j).ToArray();
            var norm = DenseAlgebra.Norm(column);
            if (norm == 0)
            {
                continue;
            }

            var rss = new RegressionData(column, ones, x, full.P, 1).Unweighted().Rss;
            if (Math.Sqrt(Math.Max(0, rss)) > 1e-7 * norm)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>max(0, 100·(τ²_r − τ²_f)/τ²_r), with H² in place of τ² for EE/FE fits (as metafor's anova).</summary>
    private static double? R2(MetaRegressionResult full, MetaRegressionResult reduced)
    {
        var isCommon = full.Method is Tau2Method.EE or Tau2Method.FE;
        var (f, r) = isCommon ? (full.H2, reduced.H2) : (full.Tau2, reduced.Tau2);
        if (isCommon && (full.ResidualDf == 0 || reduced.ResidualDf == 0))
        {
            return null;
        }

        return r > 0 ? Math.Max(0, 100 * (r - f) / r) : 0;
    }
}
