using Evident.Evidence.Checking;
using Evident.Evidence.Sources;

namespace Evident.Evidence.Tests.Checking;

/// <summary>p from a CI and a CI from p (Altman &amp; Bland 2011), rounding-aware as statcheck.</summary>
public sealed class IntervalsTests
{
    [Fact]
    public void CiFromP_ReproducesAltmanAndBlandsWorkedExample()
    {
        // BMJ 2011;343:d2090: RR 0.30 with P = 0.034 gives a 95% CI of 0.10 to 0.90 (with their approximate z and
        // rounded intermediate values; the exact normal quantile gives 0.099 to 0.913).
        var (lower, upper, _, _) = Intervals.CiFromP(new SourceNumber(0.30, 2), new SourceNumber(0.034, 3), isRatio: true)!.Value;
        Assert.Equal(0.10, Math.Round(lower, 2));
        Assert.InRange(upper, 0.90, 0.915);
    }

    [Fact]
    public void PFromCi_OnTheLogScaleForRatios_AndWithTheTQuantile()
    {
        // RR 0.60 [0.45, 0.80]: log SE = (ln 0.80 − ln 0.45)/3.92 = 0.1468, z = 3.48, p = 0.0005.
        var (range, point) = Intervals.PFromCi(new SourceNumber(0.60, 2), new SourceNumber(0.45, 2), new SourceNumber(0.80, 2), isRatio: true)!.Value;
        Assert.Equal(0.0005, point, 4);
        Assert.True(range.Low < point && point < range.High);

        // With t(12) the same CI implies a larger p than with z.
        var z = Intervals.PFromCi(SourceNumber.Exact(0.5), SourceNumber.Exact(0.1), SourceNumber.Exact(0.9), isRatio: false)!.Value.Point;
        var t = Intervals.PFromCi(SourceNumber.Exact(0.5), SourceNumber.Exact(0.1), SourceNumber.Exact(0.9), isRatio: false, df: 12)!.Value.Point;
        Assert.Equal(0.0143, z, 4);
        Assert.True(t > z);
    }

    [Theory]
    [InlineData("0.01", 0.0116, 0.0167, true)]
    [InlineData("0.02", 0.0116, 0.0167, true)]
    [InlineData("0.03", 0.0116, 0.0167, false)]
    [InlineData("<0.05", 0.0116, 0.0167, true)]
    [InlineData("<0.01", 0.0116, 0.0167, false)]
    [InlineData(">0.05", 0.0116, 0.0167, false)]
    public void PAgrees_FollowsStatchecksRoundingRule(string p, double low, double high, bool agrees)
        => Assert.Equal(agrees, Intervals.PAgrees(ReportedP.Parse(p)!.Value, new ValueRange(low, high)));

    [Theory]
    [InlineData(0.09, 0.76, true)]
    [InlineData(-0.01, 0.57, false)]
    [InlineData(0.00, 0.57, null)]
    public void ExcludesNull_IsRoundingAware(double lower, double upper, bool? excludes)
        => Assert.Equal(excludes, Intervals.ExcludesNull(new SourceNumber(lower, 2), new SourceNumber(upper, 2), 0));

    [Fact]
    public void Agrees_RoundsTheSourceToTheTextsDecimals()
    {
        Assert.True(Intervals.Agrees(0.42, 2, SourceNumber.Exact(0.4213)));
        Assert.False(Intervals.Agrees(0.43, 2, SourceNumber.Exact(0.4213)));
        Assert.True(Intervals.Agrees(0.4, 1, new SourceNumber(0.42, 2)));
        Assert.False(Intervals.Agrees(0.49, 2, new SourceNumber(0.42, 2)));
    }

    [Fact]
    public void Readability_FleschKincaid()
    {
        var r = Readability.Of(["The cat sat on the mat.", "It was happy."])!;
        Assert.Equal((9, 2), (r.Words, r.Sentences));
        Assert.True(r.Grade < 2);
    }
}
