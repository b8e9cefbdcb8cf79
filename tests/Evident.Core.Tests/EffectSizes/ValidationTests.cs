using Evident.Core.EffectSizes;
using Escalc = Evident.Core.EffectSizes.EffectSizes;

namespace Evident.Core.Tests.EffectSizes;

/// <summary>Bad input is data: the study gets null yi/vi and an issue naming the code, the study and the field; the rest go on.</summary>
public sealed class ValidationTests
{
    private static readonly StudyInput GoodTable = new() { Ai = 5, Bi = 5, Ci = 2, Di = 8 };
    private static readonly StudyInput GoodMeans = new() { M1i = 10, Sd1i = 2, N1i = 20, M2i = 9, Sd2i = 2.5, N2i = 22 };

    /// <summary>Puts the bad study second, between two good ones, and checks the good ones still compute.</summary>
    private static Issue AssertRejected(EffectMeasure measure, StudyInput good, StudyInput bad, string code, string field, EscalcOptions? options = null)
    {
        var set = Escalc.Compute(measure, [good, bad, good], options);
        Assert.Null(set.Studies[1].Yi);
        Assert.Null(set.Studies[1].Vi);
        Assert.NotNull(set.Studies[0].Yi);
        Assert.NotNull(set.Studies[2].Vi);
        var issue = Assert.Single(set.Issues, i => i.StudyIndex == 1 && i.Code == code);
        Assert.Equal(field, issue.Field);
        Assert.Equal(IssueSeverity.Error, issue.Severity);
        return issue;
    }

    [Fact]
    public void Or_WithMissingCell_ReportsMissingValue() =>
        AssertRejected(EffectMeasure.OR, GoodTable, GoodTable with { Ci = null }, IssueCodes.MissingValue, "ci");

    [Fact]
    public void Or_WithNaNCell_TreatsItAsMissing() =>
        AssertRejected(EffectMeasure.OR, GoodTable, GoodTable with { Ai = double.NaN }, IssueCodes.MissingValue, "ai");

    [Fact]
    public void Or_WithNeitherBiNorN1i_ReportsMissingBi() =>
        AssertRejected(EffectMeasure.OR, GoodTable, GoodTable with { Bi = null }, IssueCodes.MissingValue, "bi");

    [Fact]
    public void Rr_WithNegativeCount_ReportsInvalidCount() =>
        AssertRejected(EffectMeasure.RR, GoodTable, GoodTable with { Di = -1 }, IssueCodes.InvalidCount, "di");

    [Fact]
    public void Rd_WithEventsAboveGroupSize_ReportsEventsExceedN() =>
        AssertRejected(EffectMeasure.RD, GoodTable, new StudyInput { Ai = 11, N1i = 10, Ci = 2, N2i = 10 }, IssueCodes.EventsExceedN, "ai");

    [Fact]
    public void Or_WithEmptyGroup_ReportsSampleSizeTooSmall() =>
        AssertRejected(EffectMeasure.OR, GoodTable, new StudyInput { Ai = 0, N1i = 0, Ci = 2, N2i = 10 }, IssueCodes.SampleSizeTooSmall, "n1i");

    [Fact]
    public void Or_WithZeroCellAndNoCorrection_ReportsEffectUndefined() =>
        AssertRejected(EffectMeasure.OR, GoodTable, GoodTable with { Ai = 0 }, IssueCodes.EffectUndefined, "ai", new EscalcOptions { To = ContinuityTarget.None });

    [Fact]
    public void Smd_WithNegativeSd_ReportsNonPositiveSd() =>
        AssertRejected(EffectMeasure.SMD, GoodMeans, GoodMeans with { Sd2i = -1 }, IssueCodes.NonPositiveSd, "sd2i");

    [Fact]
    public void Smd_WithBothSdsZero_ReportsNonPositiveSd() =>
        AssertRejected(EffectMeasure.SMD, GoodMeans, GoodMeans with { Sd1i = 0, Sd2i = 0 }, IssueCodes.NonPositiveSd, "sd1i");

    [Fact]
    public void Smd1_WithZeroControlSd_ReportsNonPositiveSd() =>
        AssertRejected(EffectMeasure.SMD1, GoodMeans, GoodMeans with { Sd2i = 0 }, IssueCodes.NonPositiveSd, "sd2i");

    [Fact]
    public void Smd_WithThreeParticipants_ReportsSampleSizeTooSmall() =>
        AssertRejected(EffectMeasure.SMD, GoodMeans, GoodMeans with { N1i = 2, N2i = 1 }, IssueCodes.SampleSizeTooSmall, "n1i");

    [Fact]
    public void Md_WithGroupSizeBelowOne_ReportsSampleSizeTooSmall() =>
        AssertRejected(EffectMeasure.MD, GoodMeans, GoodMeans with { N2i = 0 }, IssueCodes.SampleSizeTooSmall, "n2i");

    [Fact]
    public void Md_WithBothSdsZero_KeepsZeroVarianceWithWarning()
    {
        var set = Escalc.Compute(EffectMeasure.MD, [GoodMeans with { Sd1i = 0, Sd2i = 0 }]);
        Assert.Equal(1, set.Studies[0].Yi);
        Assert.Equal(0, set.Studies[0].Vi);
        Assert.False(set.Studies[0].IsUsable);
        var issue = Assert.Single(set.Issues);
        Assert.Equal((IssueCodes.NonPositiveVariance, IssueSeverity.Warning, 0, "vi"), (issue.Code, issue.Severity, issue.StudyIndex!.Value, issue.Field!));
    }

    [Fact]
    public void Rom_WithNonPositiveMean_ReportsOutOfRange() =>
        AssertRejected(EffectMeasure.ROM, GoodMeans, GoodMeans with { M2i = 0 }, IssueCodes.OutOfRange, "m2i");

    [Fact]
    public void Mnln_WithNegativeMean_ReportsOutOfRange() =>
        AssertRejected(EffectMeasure.MNLN, new StudyInput { Mi = 3, Sdi = 1, Ni = 10 }, new StudyInput { Mi = -3, Sdi = 1, Ni = 10 }, IssueCodes.OutOfRange, "mi");

    [Fact]
    public void Cor_WithCorrelationAboveOne_ReportsOutOfRange() =>
        AssertRejected(EffectMeasure.COR, new StudyInput { Ri = 0.3, Ni = 30 }, new StudyInput { Ri = 1.2, Ni = 30 }, IssueCodes.OutOfRange, "ri");

    [Fact]
    public void Zcor_WithUnitCorrelation_ReportsEffectUndefined() =>
        AssertRejected(EffectMeasure.ZCOR, new StudyInput { Ri = 0.3, Ni = 30 }, new StudyInput { Ri = -1, Ni = 30 }, IssueCodes.EffectUndefined, "ri");

    [Fact]
    public void Ucor_WithFourParticipants_ReportsSampleSizeTooSmall() =>
        AssertRejected(EffectMeasure.UCOR, new StudyInput { Ri = 0.3, Ni = 30 }, new StudyInput { Ri = 0.3, Ni = 4 }, IssueCodes.SampleSizeTooSmall, "ni");

    [Fact]
    public void Zcor_WithThreeParticipants_KeepsYiButNotVi()
    {
        var set = Escalc.Compute(EffectMeasure.ZCOR, [new StudyInput { Ri = 0.3, Ni = 3 }]);
        Assert.Equal(Math.Atanh(0.3), set.Studies[0].Yi);
        Assert.Null(set.Studies[0].Vi);
        var issue = Assert.Single(set.Issues);
        Assert.Equal((IssueCodes.SampleSizeTooSmall, 0, "ni"), (issue.Code, issue.StudyIndex!.Value, issue.Field!));
    }

    [Fact]
    public void Pr_WithEventsAboveN_ReportsEventsExceedN() =>
        AssertRejected(EffectMeasure.PR, new StudyInput { Xi = 3, Ni = 10 }, new StudyInput { Xi = 11, Ni = 10 }, IssueCodes.EventsExceedN, "xi");

    [Fact]
    public void Plo_WithNegativeEvents_ReportsInvalidCount() =>
        AssertRejected(EffectMeasure.PLO, new StudyInput { Xi = 3, Ni = 10 }, new StudyInput { Xi = -2, Ni = 10 }, IssueCodes.InvalidCount, "xi");

    [Fact]
    public void Pft_WithZeroN_ReportsSampleSizeTooSmall() =>
        AssertRejected(EffectMeasure.PFT, new StudyInput { Xi = 3, Ni = 10 }, new StudyInput { Xi = 0, Ni = 0 }, IssueCodes.SampleSizeTooSmall, "ni");

    [Fact]
    public void Irr_WithZeroPersonTime_ReportsOutOfRange() =>
        AssertRejected(EffectMeasure.IRR, new StudyInput { X1i = 3, T1i = 100, X2i = 5, T2i = 90 }, new StudyInput { X1i = 3, T1i = 0, X2i = 5, T2i = 90 }, IssueCodes.OutOfRange, "t1i");

    [Fact]
    public void Irln_WithMissingTime_ReportsMissingValue() =>
        AssertRejected(EffectMeasure.IRLN, new StudyInput { Xi = 3, Ti = 100 }, new StudyInput { Xi = 3 }, IssueCodes.MissingValue, "ti");

    [Fact]
    public void Smcr_WithCorrelationOutsideRange_ReportsOutOfRange() =>
        AssertRejected(EffectMeasure.SMCR, new StudyInput { M1i = 5, M2i = 4, Sd1i = 2, Ni = 20, Ri = 0.5 }, new StudyInput { M1i = 5, M2i = 4, Sd1i = 2, Ni = 20, Ri = -1.5 }, IssueCodes.OutOfRange, "ri");

    [Fact]
    public void Smcr_WithZeroPreSd_ReportsNonPositiveSd() =>
        AssertRejected(EffectMeasure.SMCR, new StudyInput { M1i = 5, M2i = 4, Sd1i = 2, Ni = 20, Ri = 0.5 }, new StudyInput { M1i = 5, M2i = 4, Sd1i = 0, Ni = 20, Ri = 0.5 }, IssueCodes.NonPositiveSd, "sd1i");

    [Fact]
    public void Smcc_WithTwoParticipants_ReportsSampleSizeTooSmall() =>
        AssertRejected(EffectMeasure.SMCC, new StudyInput { M1i = 5, M2i = 4, Sd1i = 2, Sd2i = 2, Ni = 20, Ri = 0.5 }, new StudyInput { M1i = 5, M2i = 4, Sd1i = 2, Sd2i = 2, Ni = 2, Ri = 0.5 }, IssueCodes.SampleSizeTooSmall, "ni");

    [Fact]
    public void Mc_WithMissingCorrelation_ReportsMissingValue() =>
        AssertRejected(EffectMeasure.MC, new StudyInput { M1i = 5, M2i = 4, Sd1i = 2, Sd2i = 2, Ni = 20, Ri = 0.5 }, new StudyInput { M1i = 5, M2i = 4, Sd1i = 2, Sd2i = 2, Ni = 20 }, IssueCodes.MissingValue, "ri");

    [Fact]
    public void Gen_WithZeroVariance_ReportsNonPositiveVariance() =>
        AssertRejected(EffectMeasure.GEN, new StudyInput { Yi = 0.2, Vi = 0.04 }, new StudyInput { Yi = 0.2, Vi = 0 }, IssueCodes.NonPositiveVariance, "vi");

    [Fact]
    public void Gen_WithNegativeSe_ReportsNonPositiveVariance() =>
        AssertRejected(EffectMeasure.GEN, new StudyInput { Yi = 0.2, Vi = 0.04 }, new StudyInput { Yi = 0.2, Sei = -0.1 }, IssueCodes.NonPositiveVariance, "sei");

    [Fact]
    public void Gen_WithoutAnyPrecision_ReportsMissingVi() =>
        AssertRejected(EffectMeasure.GEN, new StudyInput { Yi = 0.2, Vi = 0.04 }, new StudyInput { Yi = 0.2 }, IssueCodes.MissingValue, "vi");

    [Fact]
    public void Gen_WithLogScaleAndNonPositiveBound_ReportsOutOfRange() =>
        AssertRejected(EffectMeasure.GEN, new StudyInput { Yi = 0.8, CiLb = 0.6, CiUb = 1.07 }, new StudyInput { Yi = 0.8, CiLb = 0, CiUb = 1.2 }, IssueCodes.OutOfRange, "ci_lb", new EscalcOptions { GenLogScale = true });

    [Fact]
    public void Gen_WithLogScaleAndNegativeEstimate_ReportsOutOfRange() =>
        AssertRejected(EffectMeasure.GEN, new StudyInput { Yi = 0.8, Sei = 0.1 }, new StudyInput { Yi = -0.2, Sei = 0.1 }, IssueCodes.OutOfRange, "yi", new EscalcOptions { GenLogScale = true });

    [Fact]
    public void Gen_WithReversedCi_ReportsOutOfRange() =>
        AssertRejected(EffectMeasure.GEN, new StudyInput { Yi = 0.2, Vi = 0.04 }, new StudyInput { Yi = 0.2, CiLb = 0.5, CiUb = -0.1 }, IssueCodes.OutOfRange, "ci_ub");

    [Fact]
    public void Compute_WithNullStudyList_Throws() =>
        Assert.Throws<ArgumentNullException>(() => Escalc.Compute(EffectMeasure.OR, null!));
}
