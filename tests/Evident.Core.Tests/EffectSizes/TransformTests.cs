using System.Globalization;
using System.Text.Json;
using Evident.Core.EffectSizes;
using Escalc = Evident.Core.EffectSizes.EffectSizes;

namespace Evident.Core.Tests.EffectSizes;

/// <summary>Back-transformations, per-study statistics, input sets, bias correction and culture independence.</summary>
public sealed class TransformTests
{
    private static JsonDocument Fixture(string name) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(EscalcFixtures.Directory, name)));

    [Theory]
    [InlineData(EffectMeasure.OR, "exp")]
    [InlineData(EffectMeasure.RR, "exp")]
    [InlineData(EffectMeasure.PETO, "exp")]
    [InlineData(EffectMeasure.IRR, "exp")]
    [InlineData(EffectMeasure.ROM, "exp")]
    [InlineData(EffectMeasure.PLN, "exp")]
    [InlineData(EffectMeasure.IRLN, "exp")]
    [InlineData(EffectMeasure.MNLN, "exp")]
    [InlineData(EffectMeasure.PLO, "ilogit")]
    [InlineData(EffectMeasure.ZCOR, "ztor")]
    [InlineData(EffectMeasure.PAS, "iarcsin")]
    [InlineData(EffectMeasure.PFT, "ipft.hm")]
    public void BackTransform_ForMeasure_MatchesMetaforTransformation(EffectMeasure measure, string name)
    {
        using var doc = Fixture("backtransform.json");
        var root = doc.RootElement;
        var ni = EscalcFixtures.Numbers(root.GetProperty("ni")).Select(n => n!.Value).ToArray();
        var transform = BackTransform.For(measure, ni)!;
        Assert.Equal(name, transform.Name);
        var x = EscalcFixtures.Numbers(root.GetProperty("x"));
        var expected = EscalcFixtures.Numbers(root.GetProperty(name.Replace('.', '_')));
        for (var i = 0; i < x.Length; i++)
        {
            Tolerances.ClosedForm.AssertClose(expected[i]!.Value, transform.Apply(x[i]!.Value), $"{name}({x[i]})");
        }
    }

    [Theory]
    [InlineData(EffectMeasure.MD)]
    [InlineData(EffectMeasure.SMD)]
    [InlineData(EffectMeasure.RD)]
    [InlineData(EffectMeasure.COR)]
    [InlineData(EffectMeasure.PR)]
    [InlineData(EffectMeasure.GEN)]
    public void BackTransform_ForDisplayScaleMeasure_IsNull(EffectMeasure measure) =>
        Assert.Null(BackTransform.For(measure));

    [Fact]
    public void StudyStatistics_Bcg_MatchesSummaryEscalc()
    {
        using var doc = Fixture("study-statistics.json");
        foreach (var level in doc.RootElement.GetProperty("levels").EnumerateArray())
        {
            double[] Col(string name) => EscalcFixtures.Numbers(level.GetProperty(name)).Select(v => v!.Value).ToArray();
            var (yi, vi, sei, zi, p, lb, ub) = (Col("yi"), Col("vi"), Col("sei"), Col("zi"), Col("pval"), Col("ci_lb"), Col("ci_ub"));
            var conf = level.GetProperty("level").GetDouble();
            for (var i = 0; i < yi.Length; i++)
            {
                var s = StudyStatistics.Compute(yi[i], vi[i], conf);
                Tolerances.ClosedForm.AssertClose(sei[i], s.StandardError, "sei");
                Tolerances.ClosedForm.AssertClose(zi[i], s.Z, "zi");
                Tolerances.ClosedForm.AssertClose(p[i], s.PValue, "pval");
                Tolerances.ClosedForm.AssertClose(lb[i], s.ConfidenceInterval.Lower, "ci.lb");
                Tolerances.ClosedForm.AssertClose(ub[i], s.ConfidenceInterval.Upper, "ci.ub");
            }
        }
    }

    [Fact]
    public void InputSets_ForOr_AreTheTwoTableLayouts()
    {
        var sets = Escalc.InputSets(EffectMeasure.OR);
        Assert.Equal(2, sets.Count);
        Assert.Equal(["ai", "bi", "ci", "di"], sets[0]);
        Assert.Equal(["ai", "n1i", "ci", "n2i"], sets[1]);
    }

    [Fact]
    public void InputSets_ForGen_OfferViSeiAndCi()
    {
        var sets = Escalc.InputSets(EffectMeasure.GEN);
        Assert.Equal([["yi", "vi"], ["yi", "sei"], ["yi", "ci_lb", "ci_ub"]], sets.Select(s => s.ToArray()).ToArray());
    }

    [Fact]
    public void InputSets_ForMdWithMedianConversion_IncludeMedianAlternatives()
    {
        Assert.Single(Escalc.InputSets(EffectMeasure.MD));
        var sets = Escalc.InputSets(EffectMeasure.MD, new EscalcOptions { MedianConversion = MedianConversion.Wan });
        Assert.Equal(9, sets.Count);
        Assert.Contains(sets, s => s.SequenceEqual(["med1i", "q1_1i", "q3_1i", "n1i", "m2i", "sd2i", "n2i"]));
        Assert.Contains(sets, s => s.SequenceEqual(["m1i", "sd1i", "n1i", "med2i", "min2i", "max2i", "n2i"]));
    }

    [Fact]
    public void InputSets_ForEveryMeasure_AreNonEmptyAndLowerCase()
    {
        foreach (var measure in Enum.GetValues<EffectMeasure>())
        {
            var sets = Escalc.InputSets(measure, new EscalcOptions { MedianConversion = MedianConversion.LuoShi });
            Assert.NotEmpty(sets);
            Assert.All(sets, s => Assert.All(s, f => Assert.Equal(f.ToLowerInvariant(), f)));
        }
    }

    [Fact]
    public void Smd_WithHugeN_DoesNotOverflow()
    {
        // guido-s/meta issue 44: Γ overflows for large n unless computed on the log scale.
        var study = Escalc.Compute(EffectMeasure.SMD, [new StudyInput { M1i = 1, Sd1i = 1, N1i = 1e9, M2i = 0, Sd2i = 1, N2i = 1e9 }]).Studies[0];
        var m = 2e9 - 2;
        // Hedges (1981) approximation c ≈ 1 − 3/(4m − 1) is exact to O(m⁻²) here.
        Tolerances.ClosedForm.AssertClose(1 - (3 / ((4 * m) - 1)), study.Yi!.Value, "g");
        Assert.True(study.IsUsable);
    }

    [Theory]
    [InlineData(99.999)]
    [InlineData(100)]
    [InlineData(150)]
    [InlineData(1000)]
    public void BiasCorrection_AcrossBranchBoundary_AgreesWithLogGamma(double m)
    {
        var exact = Math.Exp(MathNet.Numerics.SpecialFunctions.GammaLn(m / 2) - (0.5 * Math.Log(m / 2)) - MathNet.Numerics.SpecialFunctions.GammaLn((m - 1) / 2));
        Tolerances.ClosedForm.AssertClose(exact, BiasCorrection.C(m), "c(m)");
    }

    [Fact]
    public void Compute_UnderCommaDecimalCulture_GivesSameNumbersAndInvariantMessages()
    {
        var c = EscalcFixtures.Get("twobytwo", "edge-OR-only0-add0.5");
        var original = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            var set = Escalc.Compute(c.Measure, c.Studies, c.Options);
            EscalcFixtureTests.AssertMatches(c, set);
            Assert.Contains(set.Studies[0].Adjustments, a => a.Contains("0.5", StringComparison.Ordinal));
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }
    }
}
