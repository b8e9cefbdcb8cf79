using Evident.Core.Models;
using Evident.Core.Models.Regression;
using Evident.Core.Tests.Support;

namespace Evident.Core.Tests.Models.Regression;

/// <summary>
/// The model without moderators through <see cref="MetaRegression.Fit"/> (design <c>~ 1</c>) gives what
/// <see cref="MetaAnalysis.Fit"/> gives, for every dataset of the rma fixtures, every τ² estimator and every test: the two
/// paths share the τ² estimators and must agree to rounding.
/// </summary>
public sealed class InterceptOnlyAgreementTests
{
    private static readonly Tau2Method[] Methods = Enum.GetValues<Tau2Method>();

    public static IEnumerable<TheoryDataRow<string>> Datasets() => RmaFixtures.All.Select(d => new TheoryDataRow<string>(d.Name));

    [Theory]
    [MemberData(nameof(Datasets))]
    public void InterceptOnlyRegression_EqualsMetaAnalysisFit(string dataset)
    {
        var d = RmaFixtures.Dataset(dataset);
        var yi = d.Yi.ToArray();
        var vi = d.Vi.ToArray();
        var design = DesignMatrix.Build("~ 1", d.K, []).Design!;
        var m = new Mismatches(dataset);
        var tol = Tolerances.ClosedForm;
        var scale = vi.Order().ElementAt(vi.Length / 2);
        foreach (var method in Methods)
        {
            foreach (var test in Enum.GetValues<TestMethod>())
            {
                foreach (var pi in Enum.GetValues<PredictionIntervalType>())
                {
                    var options = new FitOptions { Method = method, Test = test, PredictionInterval = pi };
                    var a = MetaAnalysis.Fit(yi, vi, options);
                    var r = MetaRegression.Fit(yi, vi, design, options);
                    var label = $"{method}/{test}/{pi}";
                    var b = r.Coefficients.Single();
                    m.True(r.Test == a.Test && r.Method == a.Method, $"{label}: test or method differ");
                    m.Close(label + " estimate", a.Estimate, b.Estimate, tol);
                    m.Close(label + " se", a.StandardError, b.StandardError, tol);
                    m.Close(label + " statistic", a.Statistic, b.Statistic, tol);
                    m.Close(label + " p", a.PValue, b.PValue, tol);
                    m.Close(label + " ci", a.ConfidenceInterval.Lower, a.ConfidenceInterval.Upper, b.ConfidenceInterval, tol);
                    m.Close(label + " df", a.Df, r.Df, tol);
                    m.Close(label + " tau2", a.Tau2, r.Tau2, tol.ScaledTo(scale));
                    m.Close(label + " se(tau2)", a.Tau2StandardError, r.Tau2StandardError, tol.ScaledTo(scale));
                    m.Close(label + " I2", a.I2, r.I2, tol);
                    m.Close(label + " H2", a.H2, r.H2, tol);
                    m.Close(label + " Q", a.Q, r.QE, tol);
                    m.True(a.QDf == r.QEDf, $"{label}: Q df {a.QDf} vs {r.QEDf}");
                    m.Close(label + " Q p", a.QPValue, r.QEPValue, tol);
                    m.True(a.Iterations == r.Iterations && a.Converged == r.Converged, $"{label}: iterations or convergence differ");
                    m.True(r.R2 is null, $"{label}: R² must be null without moderators");
                    for (var i = 0; i < d.K; i++)
                    {
                        m.Close($"{label} weight[{i}]", a.WeightsPercent[i], r.WeightsPercent[i], tol);
                    }

                    var prediction = MetaRegression.Predict(r, [[]]).Predictions.Single();
                    m.Close(label + " predict", a.Estimate, prediction.Estimate, tol);
                    m.Close(label + " PI", a.PredictionInterval?.Lower, a.PredictionInterval?.Upper, prediction.PredictionInterval, tol);
                    m.Close(label + " PI df", a.PredictionDf, prediction.PredictionDf, tol);
                    var codes = a.Issues.Select(i => i.Code).Where(c => c != IssueCodes.Tau2CiNotFound && c != IssueCodes.Undefined).Order().ToList();
                    m.True(codes.SequenceEqual(r.Issues.Select(i => i.Code).Order()),
                        $"{label}: issues [{string.Join(", ", codes)}] vs [{string.Join(", ", r.Issues.Select(i => i.Code))}]");
                }
            }
        }

        m.ThrowIfAny();
    }
}
