using System.Globalization;
using Evident.Core.Models;
using Evident.Core.Tests.Support;

namespace Evident.Core.Tests.Models;

/// <summary>
/// Seeded random datasets, ordinary and extreme (tiny and huge variances, offsets, identical effects, outliers), through
/// every estimator and test: results must never hold NaN or infinity and must satisfy the model's basic invariants.
/// </summary>
public sealed class RobustnessTests
{
    private const int Datasets = 240;

    private static readonly Tau2Method[] Methods =
        [Tau2Method.EE, Tau2Method.FE, Tau2Method.DL, Tau2Method.REML, Tau2Method.ML, Tau2Method.PM, Tau2Method.HE,
         Tau2Method.SJ, Tau2Method.HS, Tau2Method.EB, Tau2Method.HSk, Tau2Method.PMM];

    private static readonly TestMethod[] Tests = [TestMethod.Z, TestMethod.T, TestMethod.KNHA, TestMethod.ADHOC];

    [Fact]
    public void Fit_NeverReturnsNaN_OnRandomData()
    {
        var failures = new List<string>();
        for (var seed = 1; seed <= Datasets; seed++)
        {
            var (kind, yi, vi) = Generate(seed);
            foreach (var method in Methods)
            {
                foreach (var test in Tests)
                {
                    Check(failures, seed, kind, yi, vi, new FitOptions { Method = method, Test = test });
                }

                Check(failures, seed, kind, yi, vi, new FitOptions { Method = method, PredictionInterval = PredictionIntervalType.Riley });
                Check(failures, seed, kind, yi, vi, new FitOptions { Method = method, PredictionInterval = PredictionIntervalType.T });
                Check(failures, seed, kind, yi, vi, new FitOptions { Method = method, Tau2Ci = Tau2CiMethod.ProfileLikelihood });
            }
        }

        // One line per distinct (dataset kind, method, problem), with how often and the first seed, then a few raw ones.
        var summary = failures
            .Select(f => f.Split(": ", 2))
            .GroupBy(p => (Kind: p[0].Split('(', ')')[1].Split(',')[0], Method: p[0].Split(' ')[^1].Split('/')[0], Problem: p[1]))
            .Select(g => $"{g.Count()}x {g.Key.Kind} {g.Key.Method}: {g.Key.Problem} (first: {g.First()[0]})");
        Assert.True(failures.Count == 0,
            $"{failures.Count} violation(s):{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", summary.Take(60)));
    }

    private static void Check(List<string> failures, int seed, string kind, double[] yi, double[] vi, FitOptions options)
    {
        var where = string.Create(CultureInfo.InvariantCulture,
            $"seed {seed} ({kind}, k={yi.Length}) {options.Method}/{options.Test}/{options.PredictionInterval}/{options.Tau2Ci}");
        MetaAnalysisResult r;
        try
        {
            r = MetaAnalysis.Fit(yi, vi, options);
        }
        catch (Exception e) when (e is not NotImplementedException)
        {
            failures.Add($"{where}: threw {e.GetType().Name}: {e.Message}");
            return;
        }

        void Require(bool ok, string what)
        {
            if (!ok)
            {
                failures.Add($"{where}: {what}");
            }
        }

        foreach (var bad in ResultInspection.NonFiniteValues(r))
        {
            Require(false, "non-finite " + bad);
        }

        var ci = r.ConfidenceInterval;
        Require(ci.Lower <= r.Estimate && r.Estimate <= ci.Upper, string.Create(CultureInfo.InvariantCulture, $"CI [{ci.Lower}, {ci.Upper}] does not hold the estimate {r.Estimate}"));
        Require(r.StandardError >= 0, "negative SE");
        Require(r.PValue is >= 0 and <= 1, "p outside [0, 1]");
        Require(r.QPValue is >= 0 and <= 1, "QEp outside [0, 1]");
        Require(r.Q >= 0, "negative Q");
        Require(r.Tau2 >= 0, "negative tau2");
        Require(r.I2 is >= 0 and <= 100, "I2 outside [0, 100]");
        Require(r.H2 >= 0, "negative H2");
        Require(r.Converged || r.HasIssue(IssueCodes.NotConverged), "not converged and no not-converged issue");
        // An info-level not-converged note (Fisher scoring gave way to the bracketed search) may accompany Converged.
        Require(!(r.Converged && r.Issues.Any(i => i.Code == IssueCodes.NotConverged && i.Severity != IssueSeverity.Info)),
            "Converged is true but a not-converged warning is present");
        Require(r.WeightsPercent.Count == yi.Length, "wrong number of weights");
        Require(Math.Abs(r.WeightsPercent.Sum() - 100) < 1e-6, "weights do not sum to 100");
        if (r.PredictionInterval is { } pi)
        {
            var slack = 1e-12 * Math.Max(1, Math.Max(Math.Abs(ci.Lower), Math.Abs(ci.Upper)));
            Require(pi.Lower <= ci.Lower + slack && ci.Upper <= pi.Upper + slack, "PI narrower than the CI");
        }

        if (r.Tau2ConfidenceInterval is { } t)
        {
            Require(t.Lower >= 0 && t.Lower <= t.Upper, string.Create(CultureInfo.InvariantCulture, $"tau2 CI [{t.Lower}, {t.Upper}] not ordered or negative"));
        }
    }

    /// <summary>A dataset for <paramref name="seed"/>; the kind cycles through ordinary and extreme shapes.</summary>
    private static (string Kind, double[] Yi, double[] Vi) Generate(int seed)
    {
        var rng = new Random(seed);
        int[] ks = [1, 2, 3, 4, 5, 8, 13, 30, 100];
        var k = ks[rng.Next(ks.Length)];
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        double Uniform(double a, double b) => a + ((b - a) * rng.NextDouble());
        double LogUniform(double a, double b) => Math.Pow(10, Uniform(Math.Log10(a), Math.Log10(b)));
        var yi = new double[k];
        var vi = new double[k];
        string kind;
        switch (seed % 10)
        {
            case 0:
                kind = "ordinary";
                var tau2 = new[] { 0, 0.05, 1, 50 }[rng.Next(4)];
                Fill(i => vi[i] = Uniform(0.01, 1), i => yi[i] = 0.3 + (Normal() * Math.Sqrt(vi[i] + tau2)));
                break;
            case 1:
                kind = "vi log-uniform 1e-8..1e4";
                Fill(i => vi[i] = LogUniform(1e-8, 1e4), i => yi[i] = Normal() * Math.Sqrt(vi[i] + 0.1));
                break;
            case 2:
                kind = "identical yi";
                var y0 = Uniform(-5, 5);
                Fill(i => vi[i] = Uniform(0.001, 2), i => yi[i] = y0);
                break;
            case 3:
                kind = "offset 1e8";
                Fill(i => vi[i] = Uniform(0.01, 0.1), i => yi[i] = 1e8 + (Normal() * Math.Sqrt(vi[i] + 0.05)));
                break;
            case 4:
                kind = "vi ~ 1e-12";
                Fill(i => vi[i] = Uniform(1e-12, 5e-12), i => yi[i] = 0.2 + (Normal() * Math.Sqrt(vi[i] + 1e-12)));
                break;
            case 5:
                kind = "scale 1e6";
                Fill(i => vi[i] = Uniform(1e10, 1e12), i => yi[i] = 1e6 * Normal());
                break;
            case 6:
                kind = "two clusters";
                Fill(i => vi[i] = Uniform(1e-4, 1e-3), i => yi[i] = i % 2 == 0 ? -3 : 3);
                break;
            case 7:
                kind = "one huge outlier";
                Fill(i => vi[i] = Uniform(0.01, 0.5), i => yi[i] = i == 0 ? 1e4 : Normal());
                break;
            case 8:
                kind = "nearly identical";
                Fill(i => vi[i] = Uniform(0.01, 0.5), i => yi[i] = 1 + (i * 1e-14));
                break;
            default:
                kind = "one dominant study";
                Fill(i => vi[i] = i == 0 ? 1e-9 : Uniform(1, 100), i => yi[i] = Normal());
                break;
        }

        return (kind, yi, vi);

        void Fill(Action<int> setV, Action<int> setY)
        {
            for (var i = 0; i < k; i++)
            {
                setV(i);
                setY(i);
            }
        }
    }
}
