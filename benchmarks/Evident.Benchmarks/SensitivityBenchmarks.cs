using System.Globalization;
using BenchmarkDotNet.Attributes;
using Evident.Core.Models;
using Evident.Core.Sensitivity;

namespace Evident.Benchmarks;

/// <summary>
/// Leave-one-out and influence diagnostics and the cumulative meta-analysis (REML, z test) on k simulated studies: k
/// refits, each warm-started from the full τ̂² (or the previous step's) with sums updated by deletion or addition
/// (<see cref="SensitivityAnalysis"/>). metafor's <c>leave1out</c> took 2,057 s
/// at k = 1,000 here (metafor.md §4.2).
/// </summary>
[MemoryDiagnoser]
public class SensitivityBenchmarks
{
    private static readonly FitOptions RemlOptions = new() { Method = Tau2Method.REML };

    private double[] _yi = [];
    private double[] _vi = [];

    /// <summary>Number of studies.</summary>
    [Params(10, 1_000, 10_000)]
    public int K { get; set; }

    [GlobalSetup]
    public void Setup() => (_yi, _vi) = Simulation.Simulate(K);

    [Benchmark(Baseline = true)]
    public LeaveOneOutResult LeaveOneOut() => SensitivityAnalysis.LeaveOneOut(_yi, _vi, RemlOptions);

    [Benchmark]
    public InfluenceResult Influence() => SensitivityAnalysis.Influence(_yi, _vi, RemlOptions);

    /// <summary>The cumulative meta-analysis in input order: k fits of the first 1, 2, … k studies (O(k·M) with <c>PrefixSeries</c>).</summary>
    [Benchmark]
    public CumulativeResult Cumulative() => SensitivityAnalysis.Cumulative(_yi, _vi, [.. Enumerable.Range(0, _yi.Length)], RemlOptions);
}

/// <summary>
/// Times <see cref="SensitivityAnalysis.LeaveOneOut"/> and <see cref="SensitivityAnalysis.Influence(ReadOnlySpan{double}, ReadOnlySpan{double}, FitOptions?)"/>
/// (REML) per CSV file (columns <c>yi</c>, <c>vi</c>) with a stopwatch: one warm-up, then repetitions for at least a
/// second (at least 3), median. The quick comparison sensitivity-vs-metafor.sh uses.
/// </summary>
internal static class SensitivityTimeHarness
{

    public static int Run(string[] files)
    {
        if (files.Length == 0)
        {
            Console.Error.WriteLine("usage: Evident.Benchmarks time-sensitivity FILE.csv [FILE.csv...]   (columns yi, vi)");
            return 2;
        }

        var options = new FitOptions { Method = Tau2Method.REML };
        Console.WriteLine("k\tleave1out_ms\tinfluence_ms\testimate_without_1\ttau2_without_1");
        foreach (var file in files)
        {
            var (yi, vi) = TimeHarness.ReadCsv(file);
            var loo = TimeHarness.Median(() => SensitivityAnalysis.LeaveOneOut(yi, vi, options), out var result);
            var influence = TimeHarness.Median(() => SensitivityAnalysis.Influence(yi, vi, options), out _);
            Console.WriteLine(string.Join('\t',
                yi.Length.ToString(CultureInfo.InvariantCulture),
                loo.ToString("G6", CultureInfo.InvariantCulture),
                influence.ToString("G6", CultureInfo.InvariantCulture),
                result.Rows[0].Estimate.ToString("R", CultureInfo.InvariantCulture),
                result.Rows[0].Tau2.ToString("R", CultureInfo.InvariantCulture)));
        }

        return 0;
    }
}
