using Evident.Core.Models;
using Evident.Core.Models.Regression;

namespace Evident.Core.Tests.Models.Regression;

/// <summary>
/// Meta-regression needs O(k·p) memory per τ² evaluation (a QR of W^{1/2}X), never a k×k hat or projection matrix
/// (metafor builds both as dense k×k matrices). At k = 100,000 a k×k matrix would be 80 GB; the budget here is a few
/// hundred k·p arrays over a whole iterative fit.
/// </summary>
public sealed class RegressionAllocationTests
{
    private const int K = 100_000;

    /// <summary>
    /// Budget per study over the whole fit and design: about a dozen length-k arrays per τ² evaluation (REML needs ~30
    /// evaluations, 3.4 KB per study in all), nothing k² (which would be 800 KB per study here).
    /// </summary>
    private const long BytesPerStudy = 8_000;

    [Theory]
    [InlineData(Tau2Method.REML)]
    [InlineData(Tau2Method.DL)]
    [InlineData(Tau2Method.PM)]
    public void Fit_WithOneHundredThousandStudies_AllocatesNoKByKMatrix(Tau2Method method)
    {
        var rng = new Random(2025);
        var yi = new double[K];
        var vi = new double[K];
        var x = new double[K];
        var groups = new string[K];
        for (var i = 0; i < K; i++)
        {
            vi[i] = 0.01 + rng.NextDouble();
            x[i] = rng.NextDouble() * 10;
            groups[i] = "abc"[rng.Next(3)].ToString();
            yi[i] = 0.1 + (0.05 * x[i]) + (groups[i] == "b" ? 0.2 : 0) + ((rng.NextDouble() - 0.5) * 2 * Math.Sqrt(vi[i] + 0.1));
        }

        var columns = new[] { ModeratorColumn.Numeric("x", x), ModeratorColumn.Text("g", groups) };
        var options = new FitOptions { Method = method };
        var small = DesignMatrix.Build("~ x*g", 50, [ModeratorColumn.Numeric("x", x[..50]), ModeratorColumn.Text("g", groups[..50])]).Design!;
        _ = MetaRegression.Fit(yi.AsSpan(0, 50), vi.AsSpan(0, 50), small, options); // JIT and static initialisation

        var before = GC.GetAllocatedBytesForCurrentThread();
        var design = DesignMatrix.Build("~ x*g", K, columns).Design!;
        var result = MetaRegression.Fit(yi, vi, design, options);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(K, result.K);
        Assert.Equal(6, result.P);
        Assert.True(result.Converged);
        Assert.True(allocated < BytesPerStudy * K, $"Fit allocated {allocated:N0} bytes for k = {K:N0} (budget {BytesPerStudy * K:N0})");
    }
}
