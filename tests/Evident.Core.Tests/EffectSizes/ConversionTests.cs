using Evident.Core.EffectSizes;
using Escalc = Evident.Core.EffectSizes.EffectSizes;

namespace Evident.Core.Tests.EffectSizes;

/// <summary>Every change to the user's numbers is listed in Adjustments and as an info issue; nothing silently.</summary>
public sealed class ConversionTests
{
    private static readonly double Z95 = 1.959963984540054;

    [Fact]
    public void Or_WithZeroCell_RecordsContinuityCorrectionAndKeepsRawGroupSizes()
    {
        var set = Escalc.Compute(EffectMeasure.OR, [new StudyInput { Ai = 0, Bi = 10, Ci = 3, Di = 7 }, new StudyInput { Ai = 5, Bi = 5, Ci = 2, Di = 8 }]);
        var corrected = set.Studies[0];
        Assert.Single(corrected.Adjustments);
        Assert.Equal((10.0, 10.0, 20.0), (corrected.N1i!.Value, corrected.N2i!.Value, corrected.Ni!.Value));
        Tolerances.ClosedForm.AssertClose(Math.Log(0.5 * 7.5 / (10.5 * 3.5)), corrected.Yi!.Value, "yi");
        Assert.Empty(set.Studies[1].Adjustments);
        var issue = Assert.Single(set.Issues);
        Assert.Equal((IssueCodes.ContinuityCorrection, IssueSeverity.Info, 0), (issue.Code, issue.Severity, issue.StudyIndex!.Value));
    }

    [Fact]
    public void Or_WithDoubleZeroAndDrop00_DropsStudyWithWarning()
    {
        var set = Escalc.Compute(EffectMeasure.OR, [new StudyInput { Ai = 0, N1i = 10, Ci = 0, N2i = 12 }], new EscalcOptions { Drop00 = true });
        Assert.Null(set.Studies[0].Yi);
        Assert.Equal(22, set.Studies[0].Ni);
        var issue = Assert.Single(set.Issues);
        Assert.Equal((IssueCodes.DroppedDoubleZero, IssueSeverity.Warning, 0, "ai"), (issue.Code, issue.Severity, issue.StudyIndex!.Value, issue.Field!));
    }

    [Fact]
    public void Or_WithDoubleZeroByDefault_KeepsCorrectedStudy()
    {
        var set = Escalc.Compute(EffectMeasure.OR, [new StudyInput { Ai = 0, N1i = 10, Ci = 0, N2i = 10 }]);
        Assert.Equal(0, set.Studies[0].Yi);
        Assert.Contains(set.Issues, i => i.Code == IssueCodes.ContinuityCorrection);
    }

    [Fact]
    public void Gen_WithCiOnNaturalScale_LogsAndDerivesSe()
    {
        // HR 0.75 [0.60, 0.94]
        var set = Escalc.Compute(EffectMeasure.GEN, [new StudyInput { Yi = 0.75, CiLb = 0.60, CiUb = 0.94 }], new EscalcOptions { GenLogScale = true });
        var study = set.Studies[0];
        Tolerances.ClosedForm.AssertClose(Math.Log(0.75), study.Yi!.Value, "yi");
        var se = (Math.Log(0.94) - Math.Log(0.60)) / (2 * Z95);
        Tolerances.ClosedForm.AssertClose(se * se, study.Vi!.Value, "vi");
        Assert.Equal(2, study.Adjustments.Count);
        Assert.Contains(set.Issues, i => i.Code == IssueCodes.LogTransformed && i.StudyIndex == 0 && i.Severity == IssueSeverity.Info);
        Assert.Contains(set.Issues, i => i.Code == IssueCodes.SeFromCi && i.StudyIndex == 0 && i.Severity == IssueSeverity.Info);
        Assert.DoesNotContain(set.Issues, i => i.Code == IssueCodes.AsymmetricCi);
    }

    [Fact]
    public void Gen_WithNinetyPercentCi_UsesThatLevel()
    {
        var set = Escalc.Compute(EffectMeasure.GEN, [new StudyInput { Yi = 0.3, CiLb = 0.1, CiUb = 0.5 }], new EscalcOptions { InputCiLevel = 90 });
        var se = 0.4 / (2 * 1.6448536269514722);
        Tolerances.ClosedForm.AssertClose(se * se, set.Studies[0].Vi!.Value, "vi");
    }

    [Fact]
    public void Gen_WithRatioCiGivenWithoutLogScale_WarnsAsymmetricCi()
    {
        // HR 0.55 [0.32, 0.95] entered as if it were on the analysis scale.
        var set = Escalc.Compute(EffectMeasure.GEN, [new StudyInput { Yi = 0.55, CiLb = 0.32, CiUb = 0.95 }]);
        var issue = Assert.Single(set.Issues, i => i.Code == IssueCodes.AsymmetricCi);
        Assert.Equal((IssueSeverity.Warning, 0), (issue.Severity, issue.StudyIndex!.Value));
        Assert.NotNull(set.Studies[0].Yi);
    }

    [Theory]
    [InlineData(0.95, 0.93, 0.97)]
    [InlineData(0.12, 0.10, 0.15)]
    [InlineData(1.5, 1.1, 2.0)]
    [InlineData(0.05, 0.01, 0.26)]
    public void Gen_WithRoundedPublishedRatioCi_DoesNotWarn(double estimate, double lower, double upper)
    {
        var set = Escalc.Compute(EffectMeasure.GEN, [new StudyInput { Yi = estimate, CiLb = lower, CiUb = upper }], new EscalcOptions { GenLogScale = true });
        Assert.DoesNotContain(set.Issues, i => i.Code == IssueCodes.AsymmetricCi);
    }

    [Fact]
    public void Gen_WithDisagreeingViAndSei_UsesViAndWarns()
    {
        var set = Escalc.Compute(EffectMeasure.GEN, [new StudyInput { Yi = 0.2, Vi = 0.04, Sei = 0.3 }, new StudyInput { Yi = 0.2, Vi = 0.04, Sei = 0.2 }]);
        Assert.Equal(0.04, set.Studies[0].Vi);
        var issue = Assert.Single(set.Issues);
        Assert.Equal((IssueCodes.ViSeiMismatch, IssueSeverity.Warning, 0, "sei"), (issue.Code, issue.Severity, issue.StudyIndex!.Value, issue.Field!));
    }

    [Fact]
    public void Gen_WithSei_SquaresIt()
    {
        var set = Escalc.Compute(EffectMeasure.GEN, [new StudyInput { Yi = -0.3, Sei = 0.25 }]);
        Assert.Equal(0.0625, set.Studies[0].Vi);
        Assert.Empty(set.Issues);
    }
}
