using System.Text.Json;
using Evident.Core.EffectSizes;
using Escalc = Evident.Core.EffectSizes.EffectSizes;

namespace Evident.Core.Tests.EffectSizes;

/// <summary>
/// Median/IQR/range → mean/SD. metafor 3.8-1 has no <c>conv.fivenum</c>, so the expected values are recomputed in R by
/// <c>tests/fixtures/R/escalc.R</c> from the published formulas (Wan et al. 2014; Luo et al. 2018; Shi et al. 2020,
/// eq. 11) with R's own normal quantile function, and checked here through MN (yi = mean, vi = sd²/n).
/// </summary>
public sealed class MedianConversionTests
{
    [Theory]
    [InlineData(MedianConversion.Wan, "wan")]
    [InlineData(MedianConversion.LuoShi, "luoshi")]
    public void Mn_FromFiveNumberSummaries_MatchesRecomputation(MedianConversion method, string key)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(EscalcFixtures.Directory, "median-conversion.json")));
        var inputs = doc.RootElement.GetProperty("inputs");
        double?[] Col(string name) => EscalcFixtures.Numbers(inputs.GetProperty(name));
        var (min, q1, med, q3, max, n) = (Col("mini"), Col("q1i"), Col("medi"), Col("q3i"), Col("maxi"), Col("ni"));
        var studies = Enumerable.Range(0, n.Length)
            .Select(i => new StudyInput { Medi = med[i], Q1i = q1[i], Q3i = q3[i], Mini = min[i], Maxi = max[i], Ni = n[i] })
            .ToArray();
        var expectedMean = EscalcFixtures.Numbers(doc.RootElement.GetProperty(key).GetProperty("mean"));
        var expectedSd = EscalcFixtures.Numbers(doc.RootElement.GetProperty(key).GetProperty("sd"));

        var set = Escalc.Compute(EffectMeasure.MN, studies, new EscalcOptions { MedianConversion = method });

        for (var i = 0; i < studies.Length; i++)
        {
            var study = set.Studies[i];
            Tolerances.ClosedForm.AssertClose(expectedMean[i]!.Value, study.Yi!.Value, $"{key} mean {i}");
            Tolerances.ClosedForm.AssertClose(expectedSd[i]!.Value, Math.Sqrt(study.Vi!.Value * n[i]!.Value), $"{key} sd {i}");
            Assert.Equal(2, study.Adjustments.Count);
            Assert.Equal(2, set.Issues.Count(x => x.StudyIndex == i && x.Code == IssueCodes.MeanSdFromMedian && x.Severity == IssueSeverity.Info));
        }
    }

    [Fact]
    public void Wan_S2ByHand_MatchesFormula()
    {
        // q1 = 4, median = 5, q3 = 7, n = 40: mean (4 + 5 + 7)/3; SD (7 − 4)/(2Φ⁻¹((0.75·40 − 0.125)/40.25)).
        var study = Escalc.Compute(
            EffectMeasure.MN,
            [new StudyInput { Medi = 5, Q1i = 4, Q3i = 7, Ni = 40 }],
            new EscalcOptions { MedianConversion = MedianConversion.Wan }).Studies[0];
        Tolerances.ClosedForm.AssertClose(16.0 / 3, study.Yi!.Value, "mean");
        var eta = 2 * MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 29.875 / 40.25);
        Tolerances.ClosedForm.AssertClose(3 / eta, Math.Sqrt(study.Vi!.Value * 40), "sd");
    }

    [Fact]
    public void Md_WithMedianInOneGroupOnly_ConvertsOnlyThatGroup()
    {
        var input = new StudyInput { M1i = 10, Sd1i = 2, N1i = 30, Med2i = 8, Q1_2i = 6, Q3_2i = 11, N2i = 30 };
        var set = Escalc.Compute(EffectMeasure.MD, [input], new EscalcOptions { MedianConversion = MedianConversion.LuoShi });
        Assert.NotNull(set.Studies[0].Yi);
        Assert.Equal(["m2i", "sd2i"], set.Issues.Where(i => i.Code == IssueCodes.MeanSdFromMedian).Select(i => i.Field!).ToArray());
    }

    [Fact]
    public void Md_WithGivenMean_DoesNotUseMedian()
    {
        var input = new StudyInput { M1i = 10, Sd1i = 2, N1i = 30, M2i = 9, Sd2i = 3, Med2i = 8, Q1_2i = 6, Q3_2i = 11, N2i = 30 };
        var set = Escalc.Compute(EffectMeasure.MD, [input], new EscalcOptions { MedianConversion = MedianConversion.Wan });
        Assert.Equal(1, set.Studies[0].Yi);
        Assert.Empty(set.Issues);
    }

    [Fact]
    public void Md_WithMedianButConversionOff_ReportsMissingMean()
    {
        var input = new StudyInput { M1i = 10, Sd1i = 2, N1i = 30, Med2i = 8, Q1_2i = 6, Q3_2i = 11, N2i = 30 };
        var set = Escalc.Compute(EffectMeasure.MD, [input]);
        Assert.Null(set.Studies[0].Yi);
        Assert.Contains(set.Issues, i => i.Code == IssueCodes.MissingValue && i.Field == "m2i" && i.StudyIndex == 0);
    }

    [Fact]
    public void Md_WithUnorderedQuartiles_ReportsOutOfRange()
    {
        var input = new StudyInput { M1i = 10, Sd1i = 2, N1i = 30, Med2i = 8, Q1_2i = 9, Q3_2i = 11, N2i = 30 };
        var set = Escalc.Compute(EffectMeasure.MD, [input], new EscalcOptions { MedianConversion = MedianConversion.Wan });
        Assert.Null(set.Studies[0].Yi);
        Assert.Contains(set.Issues, i => i.Code == IssueCodes.OutOfRange && i.Field == "med2i" && i.StudyIndex == 0);
    }
}
