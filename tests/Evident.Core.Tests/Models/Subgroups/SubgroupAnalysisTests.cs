using Evident.Core.EffectSizes;
using Evident.Core.Models;
using Evident.Core.Models.Subgroups;
using Evident.Core.Tests.Support;

namespace Evident.Core.Tests.Models.Subgroups;

/// <summary>
/// <see cref="SubgroupAnalysis.Fit(ReadOnlySpan{double}, ReadOnlySpan{double}, IReadOnlyList{string}, FitOptions, SubgroupOptions)"/>
/// against <c>tests/fixtures/subgroups/*.json</c> (metafor 3.8-1: <c>rma</c> per subgroup, overall, the test as the QE of an
/// FE model on the subgroup estimates, common τ² from <c>rma(mods = ~ factor(g))</c>), the published Lipsey &amp; Wilson
/// values (metafor.md §2.3 item 18), and the contract for one-study, empty and missing subgroups.
/// </summary>
public sealed class SubgroupAnalysisTests
{
    private static readonly Tau2Method[] ClosedFormMethods = [Tau2Method.EE, Tau2Method.FE, Tau2Method.DL];

    public static IEnumerable<TheoryDataRow<string, string>> Cases() =>
        SubgroupFixtures.All.SelectMany(d => d.Cases.Select(c => new TheoryDataRow<string, string>(d.Name, c.Id)));

    private static SubgroupAnalysisResult Fit(SubgroupDataset d, FitOptions options, SubgroupOptions? subgroupOptions = null) =>
        SubgroupAnalysis.Fit(d.Yi.ToArray(), d.Vi.ToArray(), d.Subgroup, options, subgroupOptions);

    [Fact]
    public void Fixtures_LoadWithTheExpectedShape()
    {
        var all = SubgroupFixtures.All;

        Assert.Equal(["bcg_RR_alloc", "lipsey2001_intensity", "lipsey2001_random", "raudenbush1985_weeks"], all.Select(d => d.Name));
        Assert.All(all, d =>
        {
            Assert.Equal("3.8.1", d.MetaforVersion);
            Assert.Equal(d.K, d.Yi.Count);
            Assert.Equal(d.K, d.Subgroup.Count);
            Assert.Equal(10, d.Cases.Count);
            Assert.All(d.Cases, c => Assert.Equal(d.Subgroup.Distinct(StringComparer.Ordinal).Count(), c.Subgroups.Count));
        });
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void SeparateTau2_MatchesMetafor(string dataset, string caseId)
    {
        var d = SubgroupFixtures.Dataset(dataset);
        var c = d.Cases.Single(x => x.Id == caseId);
        var options = c.Options;
        var tol = ClosedFormMethods.Contains(options.Method) ? Tolerances.ClosedForm : Tolerances.Iterative;
        var m = new Mismatches($"{dataset}/{caseId}");

        var r = Fit(d, options);

        m.True(r.CommonTau2 is null, "CommonTau2: expected null");
        SubgroupFixtures.Compare(m, "overall", c.Overall, r.Overall!, tol);
        m.True(r.Subgroups.Count == c.Subgroups.Count, $"subgroups: expected {c.Subgroups.Count}, got {r.Subgroups.Count}");
        for (var g = 0; g < Math.Min(r.Subgroups.Count, c.Subgroups.Count); g++)
        {
            var sg = r.Subgroups[g];
            m.True(sg.Subgroup == c.Subgroups[g].Subgroup, $"subgroup {g}: expected '{c.Subgroups[g].Subgroup}' (order of first appearance), got '{sg.Subgroup}'");
            m.True(sg.StudyIndices.SequenceEqual(sg.PooledStudyIndices), $"subgroup {g}: every study is usable");
            SubgroupFixtures.Compare(m, $"subgroup '{sg.Subgroup}'", c.Subgroups[g], sg.Fit!, tol);
        }

        CompareTest(m, "test", c.TestBetween, r.Test, tol);
        m.Close("QWithin", c.QWithin, r.QWithin, Tolerances.ClosedForm);
        m.True(r.QWithinDf == c.QWithinDf, $"QWithinDf: expected {c.QWithinDf}, got {r.QWithinDf}");
        m.ThrowIfAny();
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void CommonTau2_MatchesMetafor(string dataset, string caseId)
    {
        var d = SubgroupFixtures.Dataset(dataset);
        var c = d.Cases.Single(x => x.Id == caseId);
        var options = c.Options;
        var m = new Mismatches($"{dataset}/{caseId} common τ²");

        // The τ² comes from the fixture (the mixed-effects model); given it, every fit is a closed form.
        var r = Fit(d, options, new SubgroupOptions { CommonTau2 = c.Common.Tau2 });

        var commonEffect = options.Method is Tau2Method.EE or Tau2Method.FE;
        m.True(r.CommonTau2 == (commonEffect ? null : c.Common.Tau2), $"CommonTau2: got {r.CommonTau2}");
        for (var g = 0; g < c.Common.Subgroups.Count; g++)
        {
            var sg = r.Subgroups[g];
            m.True(sg.Subgroup == c.Common.Subgroups[g].Subgroup, $"subgroup {g}: expected '{c.Common.Subgroups[g].Subgroup}', got '{sg.Subgroup}'");
            SubgroupFixtures.Compare(m, $"subgroup '{sg.Subgroup}'", c.Common.Subgroups[g], sg.Fit!, Tolerances.ClosedForm, fixedTau2: true);
        }

        CompareTest(m, "test", c.Common.TestBetween, r.Test, Tolerances.ClosedForm);
        if (options.Test == TestMethod.Z && r.Test is { } t)
        {
            // With the z test the test for subgroup differences is the mixed-effects model's omnibus QM.
            m.Close("test.Q = QM of ~ factor(subgroup)", c.Common.ModsQM, t.Q, Tolerances.ClosedForm);
            m.Close("test.PValue = QMp", c.Common.ModsQMp, t.PValue, Tolerances.ClosedForm);
        }

        m.ThrowIfAny();
    }

    // ---- item 18: Lipsey & Wilson (2001), FE with mods = ~ random ----

    [Fact]
    public void LipseyWilson2001_CommonEffect_ReproducesPublishedSubgroupTest()
    {
        var r = Fit(SubgroupFixtures.Dataset("lipsey2001_random"), new FitOptions { Method = Tau2Method.FE });

        var near = Tolerances.Published;
        Assert.Equal(["nonrandom", "random"], r.Subgroups.Select(s => s.Subgroup));
        near.AssertClose(0.2984, r.Subgroups[0].Fit!.Estimate, "non-random estimate");
        near.AssertClose(0.0813, r.Subgroups[0].Fit!.StandardError, "non-random SE");
        near.AssertClose(-0.0277, r.Subgroups[1].Fit!.Estimate, "random estimate");
        near.AssertClose(0.0917, r.Subgroups[1].Fit!.StandardError, "random SE");
        near.AssertClose(7.0739, r.Test!.Value.Q, "QM (Q between)");
        Assert.Equal(1, r.Test!.Value.Df);
        near.AssertClose(0.0078, r.Test!.Value.PValue, "QM p");
        near.AssertClose(6.4382, r.Subgroups[0].Fit!.Q, "within-group QE (non-random)");
        near.AssertClose(1.2519, r.Subgroups[1].Fit!.Q, "within-group QE (random)");
        near.AssertClose(7.6901, r.QWithin, "QE (Q within)");
        Assert.Equal(8, r.QWithinDf);
        near.AssertClose(0.4643, r.QWithinPValue, "QE p");
        near.AssertClose(14.7640, r.Overall!.Q, "overall QE");
    }

    [Theory]
    [InlineData("lipsey2001_random")]
    [InlineData("lipsey2001_intensity")]
    [InlineData("bcg_RR_alloc")]
    [InlineData("raudenbush1985_weeks")]
    public void CommonEffect_QTotal_IsQWithinPlusQBetween(string dataset)
    {
        var r = Fit(SubgroupFixtures.Dataset(dataset), new FitOptions { Method = Tau2Method.EE });

        Tolerances.ClosedForm.AssertClose(r.Overall!.Q, r.QWithin + r.Test!.Value.Q, "Q total = Q within + Q between");
        Assert.Equal(r.Overall.QDf, r.QWithinDf + r.Test.Value.Df);
    }

    // ---- contract: order, one-study, empty and missing subgroups ----

    [Fact]
    public void Subgroups_AreInOrderOfFirstAppearance_ComparedExactly()
    {
        double[] yi = [0.1, 0.2, 0.3, 0.4, 0.5];
        double[] vi = [0.01, 0.02, 0.03, 0.04, 0.05];

        var r = SubgroupAnalysis.Fit(yi, vi, ["b", "a", "b", "A", "a"], new FitOptions { Method = Tau2Method.EE });

        Assert.Equal(["b", "a", "A"], r.Subgroups.Select(s => s.Subgroup));
        Assert.Equal([0, 2], r.Subgroups[0].StudyIndices);
        Assert.Equal([1, 4], r.Subgroups[1].StudyIndices);
        Assert.Equal(2, r.Test!.Value.Df);
    }

    [Theory]
    [InlineData(Tau2Method.REML, IssueSeverity.Warning)]
    [InlineData(Tau2Method.EE, IssueSeverity.Info)]
    public void OneStudySubgroup_IsFittedAsK1_AndFlagged(Tau2Method method, IssueSeverity severity)
    {
        var d = SubgroupFixtures.Dataset("lipsey2001_intensity");

        var r = Fit(d, new FitOptions { Method = method });

        var single = r.Subgroups.Where(s => s.Fit!.K == 1).ToList();
        Assert.Equal(["intensity 3", "intensity 6"], single.Select(s => s.Subgroup));
        var issues = r.Issues.Where(i => i.Code == IssueCodes.SubgroupSingleStudy).ToList();
        Assert.Equal([1, 9], issues.Select(i => i.StudyIndex));
        Assert.All(issues, i => Assert.Equal(severity, i.Severity));
        Assert.All(single, s => Assert.Equal(0, s.Fit!.Tau2));
        Assert.Equal(4, r.Test!.Value.Df);
    }

    [Fact]
    public void OneStudySubgroup_WithCommonTau2_IsPooledWithIt_AndOnlyNoted()
    {
        var d = SubgroupFixtures.Dataset("lipsey2001_intensity");

        var r = Fit(d, new FitOptions(), new SubgroupOptions { CommonTau2 = 0.05 });

        var single = r.Subgroups.Single(s => s.Subgroup == "intensity 3").Fit!;
        Tolerances.ClosedForm.AssertClose(Math.Sqrt(d.Vi[1] + 0.05), single.StandardError, "SE = √(v + common τ²)");
        Assert.All(r.Issues.Where(i => i.Code == IssueCodes.SubgroupSingleStudy), i => Assert.Equal(IssueSeverity.Info, i.Severity));
    }

    [Fact]
    public void SubgroupWhoseStudiesAllFailed_HasNoFit_AndIsLeftOutOfTheTest()
    {
        StudyEffect[] studies =
        [
            new() { Index = 0, Yi = 0.2, Vi = 0.04 },
            new() { Index = 1, Yi = null, Vi = null },
            new() { Index = 2, Yi = 0.5, Vi = 0.05 },
            new() { Index = 3, Yi = -0.1, Vi = 0.03 },
            new() { Index = 4, Yi = 0.3, Vi = null },
            new() { Index = 5, Yi = 0.0, Vi = 0.02 },
        ];

        var r = SubgroupAnalysis.Fit(studies, ["x", "failed", "x", "y", "failed", "y"], new FitOptions { Method = Tau2Method.DL });

        Assert.Equal(["x", "failed", "y"], r.Subgroups.Select(s => s.Subgroup));
        var failed = r.Subgroups[1];
        Assert.Null(failed.Fit);
        Assert.Equal([1, 4], failed.StudyIndices);
        Assert.Empty(failed.PooledStudyIndices);
        Assert.Contains(r.Issues, i => i.Code == IssueCodes.SubgroupNoUsableStudies);
        Assert.Equal(1, r.Test!.Value.Df);
        Assert.Equal(4, r.Overall!.K);
    }

    [Fact]
    public void FewerThanTwoUsableSubgroups_NoTest_AndAnIssueSaysWhy()
    {
        StudyEffect[] studies =
        [
            new() { Index = 0, Yi = 0.2, Vi = 0.04 },
            new() { Index = 1, Yi = 0.4, Vi = 0.05 },
            new() { Index = 2, Yi = null, Vi = null },
        ];

        var r = SubgroupAnalysis.Fit(studies, ["x", "x", "y"]);

        Assert.Null(r.Test);
        Assert.Contains(r.Issues, i => i.Code == IssueCodes.SubgroupTestNotComputed);
        Assert.Equal(2, r.Overall!.K);
        Assert.True(double.IsFinite(r.QWithin) && double.IsFinite(r.QWithinPValue));
    }

    [Fact]
    public void OneSubgroupOnly_NoTest()
    {
        var r = SubgroupAnalysis.Fit([0.1, 0.2], [0.01, 0.02], ["only", "only"]);

        Assert.Null(r.Test);
        Assert.Contains(r.Issues, i => i.Code == IssueCodes.SubgroupTestNotComputed);
    }

    [Fact]
    public void MissingLabel_StudyIsInTheOverallFitOnly()
    {
        var r = SubgroupAnalysis.Fit([0.1, 0.2, 0.3, 0.4], [0.01, 0.02, 0.03, 0.04], ["a", null, "b", " "], new FitOptions { Method = Tau2Method.EE });

        Assert.Equal(["a", "b"], r.Subgroups.Select(s => s.Subgroup));
        Assert.Equal(4, r.Overall!.K);
        Assert.Equal([1, 3], r.Issues.Where(i => i.Code == IssueCodes.SubgroupMissing).Select(i => i.StudyIndex));
    }

    [Fact]
    public void NoUsableStudyAtAll_NoOverallFit_NoTest()
    {
        StudyEffect[] studies = [new() { Index = 0 }, new() { Index = 1 }];

        var r = SubgroupAnalysis.Fit(studies, ["a", "b"]);

        Assert.Null(r.Overall);
        Assert.Null(r.Test);
        Assert.All(r.Subgroups, s => Assert.Null(s.Fit));
        Assert.Contains(r.Issues, i => i.Code == IssueCodes.NoUsableStudies);
        Assert.Equal(0, r.QWithinDf);
        Assert.Equal(1, r.QWithinPValue);
    }

    [Fact]
    public void BadArguments_Throw()
    {
        Assert.Throws<ArgumentException>(() => SubgroupAnalysis.Fit([0.1, 0.2], [0.01, 0.02], ["a"]));
        Assert.Throws<ArgumentException>(() => SubgroupAnalysis.Fit([0.1, 0.2], [0.01, -0.02], ["a", "b"]));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            SubgroupAnalysis.Fit([0.1, 0.2], [0.01, 0.02], ["a", "b"], null, new SubgroupOptions { CommonTau2 = -1 }));
    }

    private static void CompareTest(Mismatches m, string what, SubgroupFixtureTest? expected, SubgroupDifferenceTest? actual, Tolerance tol)
    {
        if (expected is null)
        {
            m.True(actual is null, $"{what}: expected none, got {actual}");
            return;
        }

        if (actual is not { } t)
        {
            m.Add($"{what}: expected Q {expected.Q}, got null");
            return;
        }

        m.Close(what + ".Q", expected.Q, t.Q, tol);
        m.True(t.Df == expected.Df, $"{what}.Df: expected {expected.Df}, got {t.Df}");
        m.Close(what + ".PValue", expected.P, t.PValue, tol);
    }
}
