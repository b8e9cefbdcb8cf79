using System.Globalization;
using Evident.Core.EffectSizes;
using Evident.Core.Tests.Models.Subgroups;
using Evident.Core.Tests.Support;
using Escalc = Evident.Core.EffectSizes.EffectSizes;

namespace Evident.Core.Tests.EffectSizes;

/// <summary>
/// <see cref="SharedControl"/>: detecting a control group shared by several comparisons of a multi-arm study, and dividing
/// it among them (Cochrane Handbook §23.3.4). The split counts are fractions; the effect sizes computed from them are
/// compared with metafor's escalc on the same fractions (<c>tests/fixtures/subgroups/shared_control_escalc.json</c>).
/// </summary>
public sealed class SharedControlTests
{
    /// <summary>A three-arm trial (two experimental arms, one control of 13 events in 50; labels differ in case and spaces) and a two-arm trial.</summary>
    private static readonly StudyInput[] Binary =
    [
        new() { Study = "Trial A", Ai = 8, N1i = 48, Ci = 13, N2i = 50 },
        new() { Study = " trial  a ", Ai = 11, N1i = 52, Ci = 13, N2i = 50 },
        new() { Study = "Trial B", Ai = 20, N1i = 100, Ci = 30, N2i = 98 },
    ];

    /// <summary>A four-arm trial (three experimental arms, one control: mean 10.4, SD 3.1, n 45) and a two-arm trial.</summary>
    private static readonly StudyInput[] Continuous =
    [
        new() { Study = "Trial D", M1i = 12.1, Sd1i = 3.4, N1i = 44, M2i = 10.4, Sd2i = 3.1, N2i = 45 },
        new() { Study = "Trial D", M1i = 13.0, Sd1i = 2.9, N1i = 47, M2i = 10.4, Sd2i = 3.1, N2i = 45 },
        new() { Study = "Trial D", M1i = 11.2, Sd1i = 3.0, N1i = 46, M2i = 10.4, Sd2i = 3.1, N2i = 45 },
        new() { Study = "Trial E", M1i = 9.5, Sd1i = 2.2, N1i = 60, M2i = 8.8, Sd2i = 2.5, N2i = 61 },
    ];

    [Fact]
    public void Detect_SharedBinaryControl_FlagsEachComparison()
    {
        var scan = SharedControl.Detect(EffectMeasure.OR, Binary);

        var group = Assert.Single(scan.SharedControls);
        Assert.Equal("Trial A", group.Study);
        Assert.Equal([0, 1], group.Rows);
        Assert.Empty(scan.Duplicates);
        Assert.Equal([0, 1], scan.Issues.Select(i => i.StudyIndex));
        Assert.All(scan.Issues, i =>
        {
            Assert.Equal(IssueCodes.SharedControl, i.Code);
            Assert.Equal(IssueSeverity.Warning, i.Severity);
        });
    }

    [Theory]
    [InlineData(EffectMeasure.OR)]
    [InlineData(EffectMeasure.RR)]
    [InlineData(EffectMeasure.RD)]
    [InlineData(EffectMeasure.PETO)]
    public void Split_Binary_DividesEventsAndN_AndEscalcMatchesMetaforOnTheFractions(EffectMeasure measure)
    {
        var split = SharedControl.Split(measure, Binary);

        Assert.Equal([6.5, 6.5, 30], split.Studies.Select(s => s.Ci!.Value));
        Assert.Equal([25, 25, 98], split.Studies.Select(s => s.N2i!.Value));
        Assert.Equal(Binary[2], split.Studies[2]);
        Assert.Equal(
            [new SharedControlChange(0, "Trial A", 2, 50, 25, 13, 6.5), new SharedControlChange(1, "Trial A", 2, 50, 25, 13, 6.5)],
            split.Changes);
        Assert.Equal([0, 1], split.Issues.Where(i => i.Code == IssueCodes.SharedControlSplit).Select(i => i.StudyIndex));
        Assert.DoesNotContain(split.Issues, i => i.Code == IssueCodes.SharedControl);
        AssertEscalcMatchesMetafor(measure, split.Studies);
    }

    [Theory]
    [InlineData(EffectMeasure.MD)]
    [InlineData(EffectMeasure.SMD)]
    public void Split_Continuous_DividesNOnly_AndEscalcMatchesMetaforOnTheFractions(EffectMeasure measure)
    {
        var split = SharedControl.Split(measure, Continuous);

        var group = Assert.Single(split.Scan.SharedControls);
        Assert.Equal([0, 1, 2], group.Rows);
        Assert.Equal([15, 15, 15, 61], split.Studies.Select(s => s.N2i!.Value));
        Assert.Equal(Continuous.Select(s => (s.M2i, s.Sd2i)), split.Studies.Select(s => (s.M2i, s.Sd2i)));
        Assert.All(split.Changes, c =>
        {
            Assert.Equal(3, c.Comparisons);
            Assert.Equal(45, c.OriginalN);
            Assert.Equal(15, c.NewN);
            Assert.Null(c.OriginalEvents);
        });
        AssertEscalcMatchesMetafor(measure, split.Studies);
    }

    [Fact]
    public void Split_TableWithNonEvents_DividesEveryGivenCell()
    {
        StudyInput[] rows =
        [
            new() { Study = "T", Ai = 4, Bi = 20, Ci = 9, Di = 21 },
            new() { Study = "T", Ai = 6, N1i = 25, Ci = 9, N2i = 30 },
        ];

        var split = SharedControl.Split(EffectMeasure.RR, rows);

        Assert.Equal((4.5, 10.5, (double?)null), (split.Studies[0].Ci!.Value, split.Studies[0].Di!.Value, split.Studies[0].N2i));
        Assert.Equal((4.5, (double?)null, 15.0), (split.Studies[1].Ci!.Value, split.Studies[1].Di, split.Studies[1].N2i!.Value));
    }

    [Fact]
    public void Detect_IdenticalComparisons_AreDuplicates_NotSharedControls()
    {
        StudyInput[] rows =
        [
            new() { Study = "Trial C", Ai = 5, N1i = 40, Ci = 6, N2i = 41 },
            new() { Study = "Trial C", Ai = 5, N1i = 40, Ci = 6, N2i = 41 },
            new() { Study = "Trial F", Ai = 5, N1i = 40, Ci = 6, N2i = 41 },
        ];

        var scan = SharedControl.Detect(EffectMeasure.OR, rows);
        var split = SharedControl.Split(EffectMeasure.OR, rows);

        Assert.Empty(scan.SharedControls);
        Assert.Equal([0, 1], Assert.Single(scan.Duplicates).Rows);
        var issue = Assert.Single(scan.Issues);
        Assert.Equal((IssueCodes.DuplicateComparison, 1), (issue.Code, issue.StudyIndex));
        Assert.Equal(rows, split.Studies);
        Assert.Empty(split.Changes);
        Assert.Equal([IssueCodes.DuplicateComparison], split.Issues.Select(i => i.Code));
    }

    [Fact]
    public void Detect_SharedControlWithARepeatedComparison_IsBoth()
    {
        StudyInput[] rows =
        [
            new() { Study = "T", M1i = 1, Sd1i = 1, N1i = 10, M2i = 0, Sd2i = 1, N2i = 12 },
            new() { Study = "T", M1i = 2, Sd1i = 1, N1i = 10, M2i = 0, Sd2i = 1, N2i = 12 },
            new() { Study = "T", M1i = 1, Sd1i = 1, N1i = 10, M2i = 0, Sd2i = 1, N2i = 12 },
        ];

        var split = SharedControl.Split(EffectMeasure.MD, rows);

        Assert.Equal([0, 1, 2], Assert.Single(split.Scan.SharedControls).Rows);
        Assert.Equal([0, 2], Assert.Single(split.Scan.Duplicates).Rows);
        Assert.All(split.Studies, s => Assert.Equal(4, s.N2i));
    }

    [Fact]
    public void Detect_IgnoresUnlabelledIncompleteAndDifferentControls()
    {
        StudyInput[] rows =
        [
            new() { Study = null, Ai = 1, N1i = 10, Ci = 2, N2i = 10 },
            new() { Study = " ", Ai = 3, N1i = 10, Ci = 2, N2i = 10 },
            new() { Study = "X", Ai = 1, N1i = 10, Ci = 2, N2i = 10 },
            new() { Study = "X", Ai = null, N1i = 10, Ci = 2, N2i = 10 },
            new() { Study = "X", Ai = 4, N1i = 10, Ci = 2, N2i = 11 },
        ];

        var scan = SharedControl.Detect(EffectMeasure.RR, rows);

        Assert.Empty(scan.SharedControls);
        Assert.Empty(scan.Duplicates);
        Assert.Empty(scan.Issues);
    }

    [Fact]
    public void Detect_MeasureWithoutAControlArm_FindsNothing()
    {
        StudyInput[] rows = [new() { Study = "G", Yi = 0.1, Vi = 0.01 }, new() { Study = "G", Yi = 0.2, Vi = 0.01 }];

        Assert.Empty(SharedControl.Detect(EffectMeasure.GEN, rows).Issues);
        Assert.Empty(SharedControl.Detect(EffectMeasure.OR, rows).Issues);
    }

    /// <summary>
    /// A real three-arm trial in Pairwise70: CD000478 analysis 8.1 ("Failure to maintain remission - all trials") lists
    /// Roblin 2017 three times, full- and half-dose azathioprine each against infliximab monotherapy (lines 355, 356: the same
    /// control arm) and full against half dose (line 357). Mate-Jimenez 2000 appears twice with different controls.
    /// </summary>
    [Fact]
    public void Pairwise70_Roblin2017_SharedMonotherapyArm_IsFoundAndSplit()
    {
        var records = Pairwise70.AnalysisOf(355);
        var studies = records.Select(r => StudyInput.FromFields(r.Cells["Study"], f => f switch
        {
            "ai" => r.Number("Experimental.cases"),
            "n1i" => r.Number("Experimental.N"),
            "ci" => r.Number("Control.cases"),
            "n2i" => r.Number("Control.N"),
            _ => null,
        })).ToList();
        int[] lines = [.. records.Select(r => r.Line)];

        var split = SharedControl.Split(EffectMeasure.RR, studies);

        var group = Assert.Single(split.Scan.SharedControls);
        Assert.Equal("Roblin 2017", group.Study);
        Assert.Equal([355, 356], group.Rows.Select(i => lines[i]));
        Assert.Empty(split.Scan.Duplicates);
        Assert.Equal([355, 356], split.Changes.Select(c => lines[c.Row]));
        Assert.All(split.Changes, c =>
        {
            var original = studies[c.Row];
            Assert.Equal(original.N2i, c.OriginalN);
            Assert.Equal(original.Ci, c.OriginalEvents);
            Assert.Equal(original.N2i / 2, split.Studies[c.Row].N2i);
            Assert.Equal(original.Ci / 2, split.Studies[c.Row].Ci);
        });
        var effects = Escalc.Compute(EffectMeasure.RR, split.Studies);
        Assert.All(group.Rows, i => Assert.True(effects.Studies[i].IsUsable, string.Create(CultureInfo.InvariantCulture, $"line {lines[i]}")));
    }

    private static void AssertEscalcMatchesMetafor(EffectMeasure measure, IReadOnlyList<StudyInput> studies)
    {
        var expected = SubgroupFixtures.SharedControlEscalc.Measures[measure.ToString()];
        var effects = Escalc.Compute(measure, studies);
        var m = new Mismatches($"escalc {measure} on split shared control");
        m.True(effects.Issues.All(i => i.Severity != IssueSeverity.Error), "escalc reported an error for non-integer counts");
        for (var i = 0; i < studies.Count; i++)
        {
            m.Close($"yi[{i}]", expected.Yi[i], effects.Studies[i].Yi, Tolerances.ClosedForm);
            m.Close($"vi[{i}]", expected.Vi[i], effects.Studies[i].Vi, Tolerances.ClosedForm);
        }

        m.ThrowIfAny();
    }
}
