using System.Diagnostics;
using System.Globalization;
using Evident.Core.Models;

namespace Evident.Benchmarks;

/// <summary>
/// Times one REML fit per CSV file (columns <c>yi</c> and <c>vi</c>, as R's <c>write.csv</c> writes them) with a
/// stopwatch: one warm-up fit, then repeated fits for at least a second (at least 5), median per fit. A quick
/// comparison for vs-metafor.sh, not a substitute for the BenchmarkDotNet run.
/// </summary>
internal static class TimeHarness
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(1);
    private const int MinRepetitions = 5;

    public static int Run(string[] files)
    {
        if (files.Length == 0)
        {
            Console.Error.WriteLine("usage: Evident.Benchmarks time FILE.csv [FILE.csv...]   (columns yi, vi)");
            return 2;
        }
        Console.WriteLine("k\tevident_ms\tmu\ttau2\titerations");
        foreach (var file in files)
        {
            var (yi, vi) = ReadCsv(file);
            var options = new FitOptions { Method = Tau2Method.REML };
            var median = Median(() => MetaAnalysis.Fit(yi, vi, options), out var result);
            Console.WriteLine(string.Join('\t',
                yi.Length.ToString(CultureInfo.InvariantCulture),
                median.ToString("G6", CultureInfo.InvariantCulture),
                result.Estimate.ToString("R", CultureInfo.InvariantCulture),
                result.Tau2.ToString("R", CultureInfo.InvariantCulture),
                result.Iterations.ToString(CultureInfo.InvariantCulture)));
        }
        return 0;
    }

    /// <summary>
    /// The median wall time of <paramref name="run"/> in milliseconds after one untimed warm-up (JIT and caches), over at
    /// least <see cref="MinRepetitions"/> runs and about <see cref="Budget"/>; <paramref name="result"/> is the last result.
    /// </summary>
    internal static double Median<T>(Func<T> run, out T result)
    {
        result = run();
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

    /// <summary>The yi and vi columns of a CSV written by R (header names may be quoted).</summary>
    internal static (double[] Yi, double[] Vi) ReadCsv(string file)
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
        var yi = rows.Select(r => double.Parse(r[y], CultureInfo.InvariantCulture)).ToArray();
        var vi = rows.Select(r => double.Parse(r[v], CultureInfo.InvariantCulture)).ToArray();
        return (yi, vi);
    }
}
