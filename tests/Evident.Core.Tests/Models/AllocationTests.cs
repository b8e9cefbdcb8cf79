using Evident.Core.Models;

namespace Evident.Core.Tests.Models;

/// <summary>
/// The intercept-only model needs sums over studies, not k×k matrices (metafor builds W and P as dense k×k matrices and
/// cannot fit k = 100,000). This measures allocation, not time: a k×k matrix at k = 200,000 would be 320 GB.
/// </summary>
public sealed class AllocationTests
{
    private const int K = 200_000;

    /// <summary>Budget per study over the whole fit: room for a few O(k) arrays (weights, residuals), nothing k².</summary>
    private const long BytesPerStudy = 64;

    [Theory]
    [InlineData(Tau2Method.REML)]
    [InlineData(Tau2Method.DL)]
    [InlineData(Tau2Method.PM)]
    public void Fit_WithTwoHundredThousandStudies_AllocatesNoKByKMatrix(Tau2Method method)
    {
        var rng = new Random(2024);
        var yi = new double[K];
        var vi = new double[K];
        for (var i = 0; i < K; i++)
        {
            vi[i] = 0.01 + rng.NextDouble();
            yi[i] = 0.3 + ((rng.NextDouble() - 0.5) * 2 * Math.Sqrt(vi[i] + 0.1));
        }

        var options = new FitOptions { Method = method };
        _ = MetaAnalysis.Fit(yi.AsSpan(0, 50), vi.AsSpan(0, 50), options); // JIT and static initialisation

        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = MetaAnalysis.Fit(yi, vi, options);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(K, result.K);
        Assert.True(result.Converged);
        Assert.True(allocated < BytesPerStudy * K, $"Fit allocated {allocated:N0} bytes for k = {K:N0} (budget {BytesPerStudy * K:N0})");
    }
}
