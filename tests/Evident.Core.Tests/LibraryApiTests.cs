using Evident.Core.EffectSizes;
using Evident.Core.Models;
using Evident.Core.Models.Regression;
using Evident.Core.Models.Subgroups;
using Evident.Core.Tests;
using Evident.Core.Tests.Support;

// Outside Evident.Core, as a user's code is: there `EffectSizes` is the class, not the namespace.
namespace LibraryExample;

/// <summary>
/// The README's "Library" example, run as written (the README's code block must equal the lines between the markers
/// below), with the values metafor prints for the same calls (metafor.md §2.3 items 4 and [C]).
/// </summary>
public sealed class LibraryApiTests
{
    [Fact]
    public void ReadmeExample_RunsAndGivesMetaforsNumbers()
    {
        // README:begin
        // The 13 BCG vaccine trials: events and non-events per arm, absolute latitude, allocation.
        (string Study, double Tpos, double Tneg, double Cpos, double Cneg, double Ablat, string Alloc)[] bcg =
        [
            ("Aronson 1948", 4, 119, 11, 128, 44, "random"), ("Ferguson & Simes 1949", 6, 300, 29, 274, 55, "random"),
            ("Rosenthal et al 1960", 3, 228, 11, 209, 42, "random"), ("Hart & Sutherland 1977", 62, 13536, 248, 12619, 52, "random"),
            ("Frimodt-Moller et al 1973", 33, 5036, 47, 5761, 13, "alternate"), ("Stein & Aronson 1953", 180, 1361, 372, 1079, 44, "alternate"),
            ("Vandiviere et al 1973", 8, 2537, 10, 619, 19, "random"), ("TPT Madras 1980", 505, 87886, 499, 87892, 13, "random"),
            ("Coetzee & Berjak 1968", 29, 7470, 45, 7232, 27, "random"), ("Rosenthal et al 1961", 17, 1699, 65, 1600, 42, "systematic"),
            ("Comstock et al 1974", 186, 50448, 141, 27197, 18, "systematic"), ("Comstock & Webster 1969", 5, 2493, 3, 2338, 33, "systematic"),
            ("Comstock et al 1976", 27, 16886, 29, 17825, 33, "systematic"),
        ];
        StudyInput[] studies = [.. bcg.Select(t => new StudyInput { Study = t.Study, Ai = t.Tpos, Bi = t.Tneg, Ci = t.Cpos, Di = t.Cneg })];

        var effects = EffectSizes.Compute(EffectMeasure.RR, studies);   // log risk ratios, as escalc("RR", …)
        double[] yi = [.. effects.Studies.Select(s => s.Yi!.Value)];
        double[] vi = [.. effects.Studies.Select(s => s.Vi!.Value)];

        var reml = MetaAnalysis.Fit(yi, vi);                                          // rma(yi, vi): REML, z test
        var hksj = MetaAnalysis.Fit(yi, vi, new FitOptions { Test = TestMethod.KNHA }); // rma(yi, vi, test = "knha")
        var mh = MantelHaenszel.Fit(EffectMeasure.RR, studies);                      // rma.mh(measure = "RR", …)
        var peto = Peto.Fit(studies);                                                 // rma.peto(…)
        var byAlloc = SubgroupAnalysis.Fit(effects.Studies, [.. bcg.Select(t => t.Alloc)]);
        var design = DesignMatrix.Build("ablat", bcg.Length, [ModeratorColumn.Numeric("ablat", bcg.Select(t => t.Ablat))]).Design!;
        var regression = MetaRegression.Fit(yi, vi, design);                         // rma(yi, vi, mods = ~ ablat)
        var ml = new FitOptions { Method = Tau2Method.ML };
        var lrt = MetaRegression.Compare(                                             // anova(full, reduced) on ML fits
            MetaRegression.Fit(yi, vi, design, ml), MetaRegression.Fit(yi, vi, DesignMatrix.InterceptOnly(bcg.Length), ml));

        Console.WriteLine($"RR {Math.Exp(reml.Estimate):0.00} [{Math.Exp(reml.ConfidenceInterval.Lower):0.00}, {Math.Exp(reml.ConfidenceInterval.Upper):0.00}], τ² {reml.Tau2:0.000}, I² {reml.I2:0.0}%");
        Console.WriteLine($"subgroup differences: Q = {byAlloc.Test!.Value.Q:0.00} on {byAlloc.Test.Value.Df} df; ablat slope {regression["ablat"].Estimate:0.0000}");
        // README:end

        var published = Tolerances.Published;
        published.AssertClose(-0.7145, reml.Estimate);
        published.AssertClose(0.3132, reml.Tau2);
        published.AssertClose(-1.1084, hksj.ConfidenceInterval.Lower);
        published.AssertClose(-0.4537, mh.Estimate!.Value);
        published.AssertClose(152.5676, mh.Q!.Value);
        published.AssertClose(-0.4744, peto.Estimate!.Value);
        published.AssertClose(-0.0291, regression["ablat"].Estimate);
        published.AssertClose(16.3571, regression.ModeratorTest!.Statistic);
        published.AssertClose(9.9588, lrt.Statistic!.Value);
        Assert.Equal(["random", "alternate", "systematic"], byAlloc.Subgroups.Select(s => s.Subgroup));
        Assert.Equal(2, byAlloc.Test!.Value.Df);
    }

    [Fact]
    public void Readme_ShowsTheExampleAsTested()
    {
        static List<string> Lines(IEnumerable<string> lines) => [.. lines.Select(l => l.Trim()).Where(l => l.Length > 0)];

        var test = File.ReadAllLines(Path.Combine(RepoPaths.Root, "tests", "Evident.Core.Tests", "LibraryApiTests.cs"));
        var begin = Array.FindIndex(test, l => l.Trim() == "// README:begin");
        var end = Array.FindIndex(test, l => l.Trim() == "// README:end");
        var readme = File.ReadAllLines(Path.Combine(RepoPaths.Root, "README.md"));
        var start = Array.FindIndex(readme, l => l.Trim() == "<!-- library-example: tests/Evident.Core.Tests/LibraryApiTests.cs -->") + 2;
        var stop = Array.FindIndex(readme, start, l => l.Trim() == "```");

        Assert.True(begin > 0 && end > begin && start > 1 && stop > start, "markers not found");
        // The README's block starts with the using directives this file has at the top.
        Assert.Equal(Lines(test[(begin + 1)..end]), Lines(readme[start..stop].Where(l => !l.StartsWith("using ", StringComparison.Ordinal))));
    }
}
