using Evident.Core.EffectSizes;
using Escalc = Evident.Core.EffectSizes.EffectSizes;

namespace Evident.Core.Tests.EffectSizes;

/// <summary>Every case metafor 3.8-1 computed in <c>tests/fixtures/R/escalc.R</c>, study by study.</summary>
public sealed class EscalcFixtureTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var c in EscalcFixtures.All)
        {
            data.Add(c.File, c.Name);
        }

        return data;
    }

    [Fact]
    public void Fixtures_CoverEveryMeasure()
    {
        var measures = EscalcFixtures.All.Select(c => c.Measure).ToHashSet();
        foreach (var measure in Enum.GetValues<EffectMeasure>())
        {
            Assert.Contains(measure, measures);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Compute_MatchesMetafor(string file, string name)
    {
        var c = EscalcFixtures.Get(file, name);
        AssertMatches(c, Escalc.Compute(c.Measure, c.Studies, c.Options));
    }

    internal static void AssertMatches(EscalcCase c, EffectSizeSet result)
    {
        Assert.Equal(c.Studies.Count, result.Studies.Count);
        for (var i = 0; i < c.Studies.Count; i++)
        {
            var study = result.Studies[i];
            Assert.Equal(i, study.Index);
            Check(c.Yi[i], study.Yi, $"{c.Name} study {i + 1} yi");
            Check(c.Vi[i], study.Vi, $"{c.Name} study {i + 1} vi");
            if (c.Yi[i] is null || c.Vi[i] is null)
            {
                Assert.Contains(result.Issues, issue => issue.StudyIndex == i && issue.Severity != IssueSeverity.Info);
            }
        }
    }

    private static void Check(double? expected, double? actual, string what)
    {
        if (expected is { } e)
        {
            Assert.True(actual.HasValue, $"{what}: expected {e}, got null");
            Tolerances.ClosedForm.AssertClose(e, actual.Value, what);
        }
        else
        {
            Assert.True(actual is null, $"{what}: metafor gives NA, we gave {actual}");
        }
    }
}
