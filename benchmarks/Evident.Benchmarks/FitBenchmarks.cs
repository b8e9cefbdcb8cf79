using BenchmarkDotNet.Attributes;
using Evident.Core.Models;

namespace Evident.Benchmarks;

/// <summary>
/// <see cref="MetaAnalysis.Fit"/> on k simulated studies: REML (the default, iterative) against DL (closed form).
/// Everything a user gets from a fit is included (τ² CI by Q-profile, I², H², prediction interval, weights).
/// </summary>
[MemoryDiagnoser]
public class FitBenchmarks
{
    private static readonly FitOptions RemlOptions = new() { Method = Tau2Method.REML };
    private static readonly FitOptions DlOptions = new() { Method = Tau2Method.DL };

    private double[] _yi = [];
    private double[] _vi = [];

    /// <summary>Number of studies.</summary>
    [Params(10, 1_000, 100_000, 1_000_000)]
    public int K { get; set; }

    [GlobalSetup]
    public void Setup() => (_yi, _vi) = Simulation.Simulate(K);

    [Benchmark(Baseline = true)]
    public MetaAnalysisResult Reml() => MetaAnalysis.Fit(_yi, _vi, RemlOptions);

    [Benchmark]
    public MetaAnalysisResult Dl() => MetaAnalysis.Fit(_yi, _vi, DlOptions);
}
