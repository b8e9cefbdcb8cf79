using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using Evident.Core.Models;
using Evident.Core.Sensitivity;

namespace Evident.Benchmarks;

/// <summary>
/// Leave-one-out and influence diagnostics (REML, z test) on k simulated studies: k refits, each warm-started from the
/// full τ̂² with sums updated by deletion (<see cref="SensitivityAnalysis"/>). metafor's <c>leave1out</c> took 2,057 s
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
}

/// <summary>
/// Times <see cref="SensitivityAnalysis.LeaveOneOut"/> and <see cref="SensitivityAnalysis.Influence(ReadOnlySpan{double}, ReadOnlySpan{double}, FitOptions?)"/>
/// (REML) per CSV file (columns <c>yi</c>, <c>vi</c>) with a stopwatch: one warm-up, then repetitions for at least a
/// second (at least 3), median. The quick comparison sensitivity-vs-metafor.sh uses.
/// </summary>
internal static class SensitivityTimeHarness
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(1);
    private const int MinRepetitions = 3;

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
            var (yi, vi) = ReadCsv(file);
            var loo = Median(() => SensitivityAnalysis.LeaveOneOut(yi, vi, options), out var result);
            var influence = Median(() => SensitivityAnalysis.Influence(yi, vi, options), out _);
            Console.WriteLine(string.Join('\t',
                yi.Length.ToString(CultureInfo.InvariantCulture),
                loo.ToString("G6", CultureInfo.InvariantCulture),
                influence.ToString("G6", CultureInfo.InvariantCulture),
                result.Rows[0].Estimate.ToString("R", CultureInfo.InvariantCulture),
                result.Rows[0].Tau2.ToString("R", CultureInfo.InvariantCulture)));
        }

        return 0;
    }

    private static double Median<T>(Func<T> run, out T result)
    {
        result = run(); // warm-up: JIT and caches
        var times = new List<double>();
        var total = Stopwatch.StartNew();
        while (times.Count < MinRepetitions || total.Elapsed < Budget)
        {
            var one = Stopwatch.StartNew();
            result = run();
            times.Add(one.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return times[times.Count / 2];
    }

    private static (double[] Yi, double[] Vi) ReadCsv(string file)
    {
        var lines = File.ReadAllLines(file);
        var header = lines[0].Split(',').Select(h => h.Trim().Trim('"')).ToList();
        var y = header.IndexOf("yi");
        var v = header.IndexOf("vi");
        if (y < 0 || v < 0)
        {
            throw new InvalidDataException($"{file}: needs columns yi and vi, has {lines[0]}");
        }

        var rows = lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToList();
        return ([.. rows.Select(r => double.Parse(r[y], CultureInfo.InvariantCulture))],
                [.. rows.Select(r => double.Parse(r[v], CultureInfo.InvariantCulture))]);
    }
}
