using Evident.Core.EffectSizes;
using Evident.Core.Models;

namespace Evident.Core.Tests.Models;

/// <summary>
/// Mantel-Haenszel behaviour at the edges, where the contract is stated rather than copied from metafor (invalid rows,
/// no events, one table, no valid table), the identities the closed forms must satisfy, and the conventions metafor's
/// <c>rma.mh</c> has and escalc has not (drop00 by default, the correction only for the per-study estimates).
/// </summary>
public sealed class MantelHaenszelEdgeCaseTests
{
    private static readonly StudyInput[] Tolbutamide =
    [
        new() { Ai = 8, Bi = 98, Ci = 5, Di = 115 },
        new() { Ai = 22, Bi = 76, Ci = 16, Di = 69 },
    ];

    public static TheoryData<EffectMeasure> TableMeasures() => [EffectMeasure.OR, EffectMeasure.RR, EffectMeasure.RD];

    public static TheoryData<EffectMeasure> AllMeasures() =>
        [EffectMeasure.OR, EffectMeasure.RR, EffectMeasure.RD, EffectMeasure.IRR, EffectMeasure.IRD];

    private static void Exact(double expected, double? actual, string what)
    {
        Assert.True(actual.HasValue, what + ": expected a value, got null");
        Tolerances.ClosedForm.AssertClose(expected, actual.Value, what);
    }

    private static bool Has(TableFitResult r, string code, int? study = null) =>
        r.Issues.Any(i => i.Code == code && (study is null || i.StudyIndex == study));

    // ---- invalid rows ----

    [Theory]
    [MemberData(nameof(TableMeasures))]
    public void InvalidRows_BecomeLocatedIssues_AndTheRestGoesOn(EffectMeasure measure)
    {
        StudyInput[] studies =
        [
            Tolbutamide[0],
            new() { Ai = -1, Bi = 10, Ci = 2, Di = 10 },          // negative count
            new() { Ai = 12, N1i = 10, Ci = 2, N2i = 10 },        // events above the group size
            new() { Ai = 3, Bi = 7, Ci = null, Di = 10 },         // missing
            new() { Ai = 0, N1i = 0, Ci = 2, N2i = 10 },          // empty group
            Tolbutamide[1],
        ];

        var r = MantelHaenszel.Fit(measure, studies);
        var clean = MantelHaenszel.Fit(measure, Tolbutamide);

        Assert.True(Has(r, IssueCodes.InvalidCount, 1));
        Assert.True(Has(r, IssueCodes.EventsExceedN, 2));
        Assert.True(Has(r, IssueCodes.MissingValue, 3));
        Assert.True(Has(r, IssueCodes.SampleSizeTooSmall, 4));
        Assert.All(r.Issues.Where(i => i.StudyIndex is >= 1 and <= 4), i => Assert.Equal(IssueSeverity.Error, i.Severity));
        Assert.Equal(2, r.K);
        Assert.Equal(6, r.Studies.Count);
        Assert.All([1, 2, 3, 4], i => Assert.Null(r.Studies[i].Yi));
        Assert.All([1, 2, 3, 4], i => Assert.Null(r.WeightsPercent[i]));
        Exact(clean.Estimate!.Value, r.Estimate, "estimate");
        Exact(clean.StandardError!.Value, r.StandardError, "SE");
        Exact(clean.Q!.Value, r.Q, "Q");
        Exact(clean.WeightsPercent[1]!.Value, r.WeightsPercent[5], "weight of the last study");
    }

    [Fact]
    public void InvalidPersonTime_BecomesLocatedIssues()
    {
        StudyInput[] studies =
        [
            new() { X1i = 3, T1i = 100, X2i = 5, T2i = 120 },
            new() { X1i = 2, T1i = 0, X2i = 5, T2i = 120 },
            new() { X1i = -2, T1i = 80, X2i = 5, T2i = 120 },
            new() { X1i = 4, T1i = 90, X2i = 6, T2i = 100 },
        ];

        var r = MantelHaenszel.Fit(EffectMeasure.IRR, studies);

        Assert.True(Has(r, IssueCodes.OutOfRange, 1));
        Assert.True(Has(r, IssueCodes.InvalidCount, 2));
        Assert.Equal(2, r.K);
        Assert.True(r.IsEstimable);
    }

    [Theory]
    [MemberData(nameof(AllMeasures))]
    public void NoValidStudy_ReportsNoUsableStudies(EffectMeasure measure)
    {
        var r = MantelHaenszel.Fit(measure, [new StudyInput { Ai = 1 }]);

        Assert.Equal(0, r.K);
        Assert.False(r.IsEstimable);
        Assert.True(Has(r, IssueCodes.NoUsableStudies));
        Assert.Equal(0, r.Q);
        Assert.Equal(0, r.QDf);
        Assert.Single(r.Studies);
    }

    // ---- no events ----

    [Theory]
    [InlineData(EffectMeasure.OR)]
    [InlineData(EffectMeasure.RR)]
    public void NoEventsAtAll_IsNotEstimable_WithoutNaN(EffectMeasure measure)
    {
        StudyInput[] studies = [new() { Ai = 0, Bi = 10, Ci = 0, Di = 12 }, new() { Ai = 0, Bi = 20, Ci = 0, Di = 15 }];

        var r = MantelHaenszel.Fit(measure, studies);

        Assert.False(r.IsEstimable);
        Assert.Contains(r.Issues, i => i.Code == IssueCodes.PooledNotEstimable && i.Severity == IssueSeverity.Error && i.StudyIndex is null);
        Assert.Null(r.StandardError);
        Assert.Null(r.Statistic);
        Assert.Null(r.PValue);
        Assert.Null(r.ConfidenceInterval);
        Assert.Equal(2, r.K);
        Assert.Equal(0, r.KWithEstimate);
        // No per-study estimate (both double-zero, drop00): Q = 0 on 0 df, as metafor.
        Assert.Equal(0, r.Q);
        Assert.Equal(0, r.QDf);
        Assert.Equal(1, r.QPValue);
        Assert.Equal(0, r.I2);
        Assert.Equal(1, r.H2);
        Assert.All(r.WeightsPercent, w => Assert.Null(w));
        Assert.All(r.Studies, s => Assert.Null(s.Yi));
        Assert.True(Has(r, IssueCodes.DroppedDoubleZero, 0));
    }

    [Fact]
    public void NoEventsInOneGroup_OddsRatioNotEstimable_ButCmhTestExists()
    {
        StudyInput[] studies = [new() { Ai = 0, Bi = 10, Ci = 3, Di = 12 }, new() { Ai = 0, Bi = 20, Ci = 2, Di = 15 }];

        var r = MantelHaenszel.Fit(EffectMeasure.OR, studies);

        Assert.False(r.IsEstimable);
        Assert.True(Has(r, IssueCodes.PooledNotEstimable));
        // Both studies have a corrected estimate, but Q around a non-existent estimate does not exist.
        Assert.Equal(2, r.KWithEstimate);
        Assert.Null(r.Q);
        Assert.Equal(1, r.QDf);
        Assert.Null(r.I2);
        Assert.NotNull(r.CochranMantelHaenszel);
        Assert.Null(r.Tarone);
        Assert.Null(r.BreslowDay);
    }

    [Theory]
    [InlineData(EffectMeasure.RD)]
    [InlineData(EffectMeasure.IRD)]
    public void NoEventsAtAll_DifferenceIsZero_WithUndefinedTest(EffectMeasure measure)
    {
        StudyInput[] studies = measure == EffectMeasure.RD
            ? [new() { Ai = 0, Bi = 10, Ci = 0, Di = 12 }, new() { Ai = 0, Bi = 20, Ci = 0, Di = 15 }]
            : [new() { X1i = 0, T1i = 100, X2i = 0, T2i = 110 }, new() { X1i = 0, T1i = 200, X2i = 0, T2i = 190 }];

        var r = MantelHaenszel.Fit(measure, studies);

        Assert.Equal(0, r.Estimate);
        Assert.Equal(0, r.StandardError);
        Assert.Equal(new Interval(0, 0), r.ConfidenceInterval);
        Assert.Null(r.Statistic);
        Assert.Null(r.PValue);
        Assert.True(Has(r, IssueCodes.Undefined));
    }

    // ---- one table ----

    [Fact]
    public void SingleTable_ReducesToTheStudysOwnEstimates()
    {
        var t = Tolbutamide[0];
        var (a, b, c, d) = (8.0, 98.0, 5.0, 115.0);

        var or = MantelHaenszel.Fit(EffectMeasure.OR, [t]);
        var rr = MantelHaenszel.Fit(EffectMeasure.RR, [t]);

        // Robins-Breslow-Greenland reduces to Woolf's variance, Greenland-Robins to Katz's, for one table.
        Exact(Math.Log(a * d / (b * c)), or.Estimate, "log OR");
        Exact((1 / a) + (1 / b) + (1 / c) + (1 / d), or.StandardError * or.StandardError, "var log OR");
        Exact(Math.Log(a / (a + b) / (c / (c + d))), rr.Estimate, "log RR");
        Exact((1 / a) - (1 / (a + b)) + (1 / c) - (1 / (c + d)), rr.StandardError * rr.StandardError, "var log RR");
        foreach (var r in new[] { or, rr })
        {
            Assert.Equal(0, r.Q);
            Assert.Equal(0, r.QDf);
            Assert.Equal(1, r.QPValue);
            Assert.Equal(0, r.I2);
            Assert.Equal(1, r.H2);
            Exact(100, r.WeightsPercent[0], "weight");
        }

        // Tarone and Breslow-Day on 0 df: statistic 0, p 1 (metafor: p NA).
        Assert.Equal(new ChiSquareTest(0, 0, 1), or.Tarone);
        Assert.Equal(new ChiSquareTest(0, 0, 1), or.BreslowDay);
    }

    // ---- conventions ----

    [Theory]
    [MemberData(nameof(TableMeasures))]
    public void PooledEstimate_UsesRawCounts_WhateverAddToAndDrop00(EffectMeasure measure)
    {
        var studies = MhFixtures.Dataset("nielweise2007").Studies();
        var reference = MantelHaenszel.Fit(measure, studies);

        foreach (var to in Enum.GetValues<ContinuityTarget>())
        {
            foreach (var drop00 in new[] { true, false })
            {
                var r = MantelHaenszel.Fit(measure, studies, new TableFitOptions { Add = 1, To = to, Drop00 = drop00 });
                Assert.Equal(reference.Estimate, r.Estimate);
                Assert.Equal(reference.StandardError, r.StandardError);
                Assert.Equal(reference.CochranMantelHaenszel, r.CochranMantelHaenszel);
                Assert.Equal(reference.Tarone, r.Tarone);
            }
        }
    }

    [Theory]
    [InlineData(EffectMeasure.OR, "nielweise2007")]
    [InlineData(EffectMeasure.RR, "nielweise2007")]
    [InlineData(EffectMeasure.RD, "nielweise2007")]
    [InlineData(EffectMeasure.OR, "edge_zeros")]
    [InlineData(EffectMeasure.RD, "edge_zeros")]
    [InlineData(EffectMeasure.IRR, "edge_persontime")]
    [InlineData(EffectMeasure.IRD, "edge_persontime")]
    public void PerStudyEstimates_AreEscalcsWithDrop00(EffectMeasure measure, string dataset)
    {
        var studies = MhFixtures.Dataset(dataset).Studies();
        foreach (var to in Enum.GetValues<ContinuityTarget>())
        {
            var r = MantelHaenszel.Fit(measure, studies, new TableFitOptions { To = to });
            var escalc = Evident.Core.EffectSizes.EffectSizes.Compute(measure, studies, new EscalcOptions { To = to, Drop00 = true });

            for (var i = 0; i < studies.Count; i++)
            {
                Assert.Equal(escalc.Studies[i].Yi, r.Studies[i].Yi);
                Assert.Equal(escalc.Studies[i].Vi, r.Studies[i].Vi);
            }
        }
    }

    [Fact]
    public void DoubleZeroStudy_CountsInK_ButNotInQ_UnlessDrop00IsOff()
    {
        var studies = MhFixtures.Dataset("nielweise2007").Studies(); // study 15 (index 14) has no events in both groups

        var dropped = MantelHaenszel.Fit(EffectMeasure.OR, studies);
        var kept = MantelHaenszel.Fit(EffectMeasure.OR, studies, new TableFitOptions { Drop00 = false });

        Assert.Equal(18, dropped.K);
        Assert.Equal(17, dropped.KWithEstimate);
        Assert.Equal(16, dropped.QDf);
        Assert.Null(dropped.Studies[14].Yi);
        Assert.Contains(dropped.Issues, i => i.Code == IssueCodes.DroppedDoubleZero && i.StudyIndex == 14 && i.Severity == IssueSeverity.Info);
        Assert.Equal(17, kept.QDf);
        Assert.NotNull(kept.Studies[14].Yi);
        Assert.DoesNotContain(kept.Issues, i => i.Code == IssueCodes.DroppedDoubleZero);
    }

    [Fact]
    public void ContinuityCorrection_IsRecordedOnTheCorrectedStudiesOnly()
    {
        var studies = MhFixtures.Dataset("nielweise2007").Studies();

        var r = MantelHaenszel.Fit(EffectMeasure.OR, studies);

        // Zero cells in studies 1, 4, 11, 12, 16 (index 0, 3, 10, 11, 15); study 15 (index 14) is dropped, not corrected.
        int[] corrected = [0, 3, 10, 11, 15];
        var noted = r.Issues.Where(i => i.Code == IssueCodes.ContinuityCorrection).Select(i => i.StudyIndex!.Value).ToArray();
        Assert.Equal(corrected, noted);
        Assert.All(corrected, i => Assert.Single(r.Studies[i].Adjustments));
        Assert.All(r.Issues.Where(i => i.Code == IssueCodes.ContinuityCorrection), i => Assert.Equal(IssueSeverity.Info, i.Severity));
    }

    [Fact]
    public void UncorrectedZeroCell_LeavesNoStudyEstimate_ButTheTableStillCounts()
    {
        StudyInput[] studies = [new() { Ai = 0, Bi = 10, Ci = 3, Di = 7 }, .. Tolbutamide];

        var r = MantelHaenszel.Fit(EffectMeasure.OR, studies, new TableFitOptions { To = ContinuityTarget.None });

        Assert.Null(r.Studies[0].Yi);
        Assert.Contains(r.Issues, i => i.Code == IssueCodes.EffectUndefined && i.StudyIndex == 0 && i.Severity == IssueSeverity.Warning);
        Assert.Equal(3, r.K);
        Assert.Equal(2, r.KWithEstimate);
        Assert.NotEqual(MantelHaenszel.Fit(EffectMeasure.OR, Tolbutamide).Estimate, r.Estimate);
    }

    [Theory]
    [MemberData(nameof(TableMeasures))]
    public void SwappingTheGroups_NegatesTheEstimate(EffectMeasure measure)
    {
        var studies = MhFixtures.Dataset("bcg").Studies();
        var swapped = studies.Select(s => s with { Ai = s.Ci, Bi = s.Di, Ci = s.Ai, Di = s.Bi }).ToArray();

        var r = MantelHaenszel.Fit(measure, studies);
        var s = MantelHaenszel.Fit(measure, swapped);

        Exact(-r.Estimate!.Value, s.Estimate, "estimate");
        Exact(r.StandardError!.Value, s.StandardError, "SE");
        Exact(r.Q!.Value, s.Q, "Q");
        if (measure == EffectMeasure.OR)
        {
            Exact(r.CochranMantelHaenszel!.Value.Statistic, s.CochranMantelHaenszel?.Statistic, "CMH");
            Exact(r.BreslowDay!.Value.Statistic, s.BreslowDay?.Statistic, "Breslow-Day");
        }
    }

    [Fact]
    public void ProgrammerErrors_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MantelHaenszel.Fit(EffectMeasure.PETO, Tolbutamide));
        Assert.Throws<ArgumentOutOfRangeException>(() => MantelHaenszel.Fit(EffectMeasure.SMD, Tolbutamide));
        Assert.Throws<ArgumentOutOfRangeException>(() => MantelHaenszel.Fit(EffectMeasure.OR, Tolbutamide, new TableFitOptions { Level = 100 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => MantelHaenszel.Fit(EffectMeasure.OR, Tolbutamide, new TableFitOptions { Add = -0.5 }));
        Assert.Throws<ArgumentNullException>(() => MantelHaenszel.Fit(EffectMeasure.OR, null!));
    }
}
