using Evident.Core.Models;
using Evident.Core.Models.Regression;
using Evident.Core.Sensitivity;

namespace Evident.Core.Tests.Sensitivity;

/// <summary>
/// The BCG diagnostics of metafor.md §2.3 item 27 (asserted in metafor's own tests) and the values computed with metafor
/// 3.8-1 listed after item 30, to <see cref="Tolerances.Published"/>: <c>rma(yi, vi, data = bcgRR)</c> (REML, z).
/// </summary>
public sealed class SensitivityPublishedValuesTests
{
    private static readonly SensitivityDataset Bcg = SensitivityFixtures.Dataset("bcg_RR");
    private static readonly Tolerance Tol = Tolerances.Published;

    [Fact]
    public void LeaveOneOut_Bcg_ReproducesMetaforsRowOneAndAllEstimates()
    {
        var result = SensitivityAnalysis.LeaveOneOut(Bcg.Yi, Bcg.Vi);
        var first = result.Rows[0];
        Tol.AssertClose(-0.707084, first.Estimate);
        Tol.AssertClose(0.189961, first.StandardError);
        Tol.AssertClose(151.5826, first.Q);
        Tol.AssertClose(0.336157, first.Tau2);
        Tol.AssertClose(93.2259, first.I2);
        double[] estimates = [-0.7071, -0.6540, -0.6856, -0.6284, -0.7642, -0.7109, -0.6552, -0.7948, -0.7412, -0.6530, -0.7579, -0.7598, -0.7775];
        for (var i = 0; i < estimates.Length; i++)
        {
            Tol.AssertClose(estimates[i], result.Rows[i].Estimate, $"leave1out estimate {i + 1}");
        }
    }

    [Fact]
    public void Influence_Bcg_ReproducesMetaforsRowOneAndAllRstudent()
    {
        var result = SensitivityAnalysis.Influence(Bcg.Yi, Bcg.Vi);
        var first = result.Rows[0];
        Tol.AssertClose(-0.218142, first.Studentized!.Value.Z!.Value);
        Tol.AssertClose(-0.040708, first.Dffits!.Value);
        Tol.AssertClose(0.001717, first.CooksDistance!.Value);
        Tol.AssertClose(1.116449, first.CovarianceRatio!.Value);
        Tol.AssertClose(0.336157, first.Tau2Deleted!.Value);
        Tol.AssertClose(0.050595, first.Hat);
        Tol.AssertClose(-0.040266, first.Dfbetas[0]!.Value);
        double[] rstudent = [-0.218, -1.292, -0.755, -1.451, 0.848, -0.118, -1.304, 1.450, 0.408, -1.128, 0.669, 1.290, 1.188];
        for (var i = 0; i < rstudent.Length; i++)
        {
            Tol.AssertClose(rstudent[i], result.Rows[i].Studentized!.Value.Z!.Value, $"rstudent {i + 1}");
        }

        Assert.DoesNotContain(result.Rows, r => r.IsInfluential);
    }

    [Fact]
    public void Cumulative_BcgByYear_ReproducesMetaforsEstimates()
    {
        var result = SensitivityAnalysis.CumulativeBy(Bcg.Yi, Bcg.Vi, Bcg.Order!);
        double[] expected = [-0.889311, -1.325003, -0.97208, -1.001094, -1.101424, -0.973464, -0.901251, -0.788566, -0.865607, -0.785211, -0.708206, -0.794768, -0.714532];
        for (var i = 0; i < expected.Length; i++)
        {
            Tol.AssertClose(expected[i], result.Rows[i].Estimate, $"cumul estimate {i + 1}");
        }
    }

    [Fact]
    public void Baujat_Bcg_ReproducesMetaforsCoordinates()
    {
        var result = SensitivityAnalysis.Baujat(Bcg.Yi, Bcg.Vi);
        double[] x = [0.048, 1.493, 0.551, 1.586, 0.678, 0.016, 1.532, 1.664, 0.163, 1.117, 0.432, 1.592, 1.264];
        double[] y = [0.002, 0.112, 0.024, 0.238, 0.067, 0.000, 0.108, 0.199, 0.018, 0.111, 0.049, 0.062, 0.115];
        for (var i = 0; i < x.Length; i++)
        {
            Tol.AssertClose(x[i], result.X[i], $"baujat x {i + 1}");
            Tol.AssertClose(y[i], result.Y[i]!.Value, $"baujat y {i + 1}");
        }
    }

    [Fact]
    public void Influence_BcgOnLatitude_ReproducesMetaforsHatValuesAndCooksDistances()
    {
        var ablat = Bcg.Moderators!["ablat"];
        var design = DesignMatrix.Build("~ ablat", Bcg.K, [ModeratorColumn.Numeric("ablat", ablat)]).Design!;
        var result = SensitivityAnalysis.Influence(MetaRegression.Fit(Bcg.Yi, Bcg.Vi, design));
        double[] hat = [0.049, 0.1493, 0.0351, 0.3481, 0.2248, 0.2367, 0.064, 0.357, 0.0926, 0.1157, 0.2309, 0.0189, 0.0778];
        double[] cook = [0.0048, 0.0489, 0.0104, 0.2495, 0.0072, 0.2883, 0.3643, 0.2719, 0.02, 0.1645, 0.0009, 0.0403, 0.1433];
        Assert.Equal(["intrcpt", "ablat"], result.CoefficientNames);
        for (var i = 0; i < hat.Length; i++)
        {
            Tol.AssertClose(hat[i], result.Rows[i].Hat, $"hat {i + 1}");
            Tol.AssertClose(cook[i], result.Rows[i].CooksDistance!.Value, $"cooks {i + 1}");
        }
    }

    [Fact]
    public void Residuals_BcgFirstSix_ReproduceMetaforsRstandardAndRstudent()
    {
        var result = SensitivityAnalysis.Influence(Bcg.Yi.AsSpan(0, 6), Bcg.Vi.AsSpan(0, 6), new FitOptions { Method = Tau2Method.REML });
        double[] rstandard = [0.1401, -0.9930, -0.4719, -1.0475, 1.6462, 0.4825];
        double[] rstudent = [0.1426, -0.9957, -0.4591, -1.1949, 2.0949, 0.4330];
        for (var i = 0; i < 6; i++)
        {
            Tol.AssertClose(rstandard[i], result.Rows[i].Standardized.Z!.Value, $"rstandard {i + 1}");
            Tol.AssertClose(rstudent[i], result.Rows[i].Studentized!.Value.Z!.Value, $"rstudent {i + 1}");
        }
    }
}
