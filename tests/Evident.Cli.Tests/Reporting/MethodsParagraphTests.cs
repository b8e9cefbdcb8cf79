using System.Reflection;
using Evident.Rendering.Reports;

namespace Evident.Cli.Tests.Reporting;

/// <summary>The methods paragraph names what was used, with its source, and nothing that was not.</summary>
public sealed class MethodsParagraphTests : IDisposable
{
    private readonly ReportRunner _report = new();

    public void Dispose() => _report.Dispose();

    [Fact]
    public void Reml_WithZTest_NamesRemlWaldQProfileAndMetaforPredictionInterval()
    {
        var methods = _report.Methods(ReportRunner.Bcg, "--measure", "RR");
        Assert.Contains("Effect sizes were log risk ratios (RR).", methods, StringComparison.Ordinal);
        Assert.Contains("τ² estimated by restricted maximum likelihood (REML; Viechtbauer 2005)", methods, StringComparison.Ordinal);
        Assert.Contains("are Wald-type, from the normal distribution (z)", methods, StringComparison.Ordinal);
        Assert.Contains("the Q-profile method (Viechtbauer 2007)", methods, StringComparison.Ordinal);
        Assert.Contains("I² and H² being computed from τ²", methods, StringComparison.Ordinal);
        Assert.Contains("quantile of the normal distribution", methods, StringComparison.Ordinal);
        Assert.Contains("as metafor's predict(), Viechtbauer 2010", methods, StringComparison.Ordinal);
        Assert.Contains("(Cochran 1954)", methods, StringComparison.Ordinal);
        Assert.Contains("(Higgins & Thompson 2002)", methods, StringComparison.Ordinal);
        Assert.Contains("(Deeks et al. 2023, §10.10.2)", methods, StringComparison.Ordinal);
        Assert.Contains($"Evident {Evident.Analysis.Analyzer.Version}", methods, StringComparison.Ordinal);
        foreach (var absent in new[] { "DerSimonian", "Hartung", "Mantel", "Riley", "continuity", "subgroup", "Egger", "Sensitivity", "preset" })
        {
            Assert.DoesNotContain(absent, methods, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void DerSimonianLaird_IsNamedWithItsSource()
    {
        var methods = _report.Methods(ReportRunner.Bcg, "--measure", "RR", "--method", "DL");
        Assert.Contains("estimated by the DerSimonian-Laird method of moments (DL; DerSimonian & Laird 1986)", methods, StringComparison.Ordinal);
        Assert.DoesNotContain("Viechtbauer 2005", methods, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PM", "the Paule-Mandel method (PM; Paule & Mandel 1982)")]
    [InlineData("ML", "maximum likelihood (ML; Hardy & Thompson 1996)")]
    [InlineData("SJ", "the Sidik-Jonkman estimator (SJ; Sidik & Jonkman 2005)")]
    [InlineData("EB", "the empirical Bayes estimator (EB; Morris 1983; Berkey et al. 1995)")]
    [InlineData("HSk", "(HSk; Brannick et al. 2019)")]
    public void OtherEstimators_AreNamedWithTheirSources(string method, string expected)
        => Assert.Contains(expected, _report.Methods(ReportRunner.Bcg, "--measure", "RR", "--method", method), StringComparison.Ordinal);

    [Fact]
    public void Knha_NamesHartungKnappSidikJonkmanAndTheTPredictionInterval()
    {
        var methods = _report.Methods(ReportRunner.Bcg, "--measure", "RR", "--test", "knha");
        Assert.Contains("Hartung-Knapp-Sidik-Jonkman method", methods, StringComparison.Ordinal);
        Assert.Contains("(Hartung & Knapp 2001; Sidik & Jonkman 2002)", methods, StringComparison.Ordinal);
        Assert.Contains("prediction interval is the estimate ± a quantile of the t distribution with k − 1 degrees of freedom", methods, StringComparison.Ordinal);
        Assert.DoesNotContain("Wald-type", methods, StringComparison.Ordinal);
    }

    [Fact]
    public void MantelHaenszel_IsACommonEffectModelWithItsVarianceSource_AndNoTau2OrPredictionInterval()
    {
        var methods = _report.Methods(ReportRunner.Bcg, "--measure", "RR", "--method", "MH");
        Assert.Contains("by the Mantel-Haenszel method, a common-effect model on the counts as given (Mantel & Haenszel 1959; variance of the log RR: Greenland & Robins 1985)", methods, StringComparison.Ordinal);
        Assert.Contains("are Wald-type, from the normal distribution (z)", methods, StringComparison.Ordinal);
        Assert.Contains("I² and H² being computed from Q", methods, StringComparison.Ordinal);
        foreach (var absent in new[] { "random-effects", "prediction interval", "Q-profile", "τ² and τ" })
        {
            Assert.DoesNotContain(absent, methods, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Peto_IsNamedWithYusuf()
        => Assert.Contains("by Peto's one-step method (Yusuf et al. 1985)", _report.Methods(ReportRunner.Bcg, "--measure", "OR", "--method", "PETO"), StringComparison.Ordinal);

    [Fact]
    public void Cochrane2025Preset_NamesRevManConventionsRemlHksjAndTPredictionInterval()
    {
        var methods = _report.Methods(ReportRunner.Bcg, "--measure", "RR", "--preset", "cochrane-2025");
        Assert.Contains("Review Manager 5's conventions", methods, StringComparison.Ordinal);
        Assert.Contains("(Deeks & Higgins 2010)", methods, StringComparison.Ordinal);
        Assert.Contains("(REML; Viechtbauer 2005)", methods, StringComparison.Ordinal);
        Assert.Contains("Hartung-Knapp-Sidik-Jonkman", methods, StringComparison.Ordinal);
        Assert.Contains("the t distribution with k − 1 degrees of freedom times √(SE² + τ²)", methods, StringComparison.Ordinal);
        Assert.Contains("cochrane-2025 preset", methods, StringComparison.Ordinal);
    }

    [Fact]
    public void RevMan5Preset_TakesQAroundMantelHaenszelAndIsquaredFromQ()
    {
        var methods = _report.Methods(ReportRunner.Bcg, "--measure", "RR", "--preset", "revman5");
        Assert.Contains("(DL; DerSimonian & Laird 1986)", methods, StringComparison.Ordinal);
        Assert.Contains("taken around the Mantel-Haenszel estimate", methods, StringComparison.Ordinal);
        Assert.Contains("I² and H² being computed from Q", methods, StringComparison.Ordinal);
        Assert.Contains("are test-based (Higgins & Thompson 2002)", methods, StringComparison.Ordinal);
    }

    [Fact]
    public void OutcomesPooledDifferently_AreNamedWithTheirModel()
    {
        var csv = _report.Write("two.csv", "study,outcome,ai,n1i,ci,n2i,m1i,sd1i,m2i,sd2i\n"
            + "A,Death,4,100,8,100,,,,\nB,Death,3,120,9,118,,,,\nC,Death,2,80,4,82,,,,\n"
            + "A,Pain,,50,,50,3.1,1.2,3.9,1.1\nB,Pain,,60,,61,2.8,1.0,3.5,1.3\nC,Pain,,40,,40,3.3,1.1,3.6,1.2\n");
        var methods = _report.Methods(csv, "--preset", "revman5", "--method", "FE");
        Assert.Contains("Effect sizes were log odds ratios (OR) for “Death” and standardized mean differences (SMD) as Hedges' adjusted g", methods, StringComparison.Ordinal);
        Assert.Contains("Studies were pooled for “Death” by the Mantel-Haenszel method", methods, StringComparison.Ordinal);
        Assert.Contains("(Mantel & Haenszel 1959; variance of the log OR: Robins et al. 1986)", methods, StringComparison.Ordinal);
        Assert.Contains("Studies were pooled for “Pain” in a fixed-effects model with inverse-variance weights.", methods, StringComparison.Ordinal);
        Assert.Contains("the measure chosen from each outcome's type of data", methods, StringComparison.Ordinal);
    }

    [Fact]
    public void Riley_NamesTheTDistributionWithKMinus2()
    {
        var methods = _report.Methods(ReportRunner.Bcg, "--measure", "RR", "--pi-type", "riley");
        Assert.Contains("the t distribution with k − 2 degrees of freedom", methods, StringComparison.Ordinal);
        Assert.Contains("(Higgins et al. 2009; Riley et al. 2011)", methods, StringComparison.Ordinal);
    }

    [Fact]
    public void Smd_IsHedgesG()
    {
        var methods = _report.Methods(ReportRunner.Normand, "--measure", "SMD");
        Assert.Contains("standardized mean differences (SMD) as Hedges' g, with the exact small-sample bias correction (Hedges 1981)", methods, StringComparison.Ordinal);
        Assert.DoesNotContain("Ratios were pooled", methods, StringComparison.Ordinal);
    }

    [Fact]
    public void SubgroupsRegressionBiasAndSensitivity_AreDescribedWhenUsed()
    {
        var methods = _report.Methods(ReportRunner.Bcg, "--measure", "RR", "--subgroup", "alloc", "--mods", "ablat", "--bias", "--sensitivity");
        Assert.Contains("within the subgroups given by the column “alloc”", methods, StringComparison.Ordinal);
        Assert.Contains("(Deeks et al. 2023, §10.11.3.1)", methods, StringComparison.Ordinal);
        Assert.Contains("A mixed-effects meta-regression on ablat (Thompson & Higgins 2002)", methods, StringComparison.Ordinal);
        Assert.Contains("(Egger et al. 1997)", methods, StringComparison.Ordinal);
        Assert.Contains("trim and fill with the L0 estimator (Duval & Tweedie 2000)", methods, StringComparison.Ordinal);
        Assert.Contains("(Viechtbauer & Cheung 2010)", methods, StringComparison.Ordinal);
        Assert.Contains("(Lau et al. 1992)", methods, StringComparison.Ordinal);
    }

    [Fact]
    public void ContinuityCorrection_IsReportedWithTheNumberOfStudies()
    {
        var csv = _report.Write("zeros.csv", "study,ai,n1i,ci,n2i\nA,0,20,3,20\nB,2,25,5,25\nC,1,30,0,30\n");
        var methods = _report.Methods(csv, "--measure", "OR");
        Assert.Contains("A continuity correction of 0.5 was added to the cells of 2 studies with a zero cell.", methods, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryCitationInTheText_HasItsReference_AndEveryReferenceIsCited()
    {
        var all = typeof(Citations).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (Citation)f.GetValue(null)!).ToList();
        Assert.Equal(all.Count, all.Select(c => c.Cite).Distinct().Count());
        foreach (var args in new[]
        {
            new[] { "--measure", "RR" }, ["--measure", "RR", "--method", "MH"], ["--measure", "RR", "--preset", "revman5"],
            ["--measure", "RR", "--subgroup", "alloc", "--mods", "ablat", "--bias", "--sensitivity", "--test", "knha"],
        })
        {
            var report = _report.Json(ReportRunner.Bcg, args).GetProperty("report");
            var text = report.GetProperty("methods").GetString()!;
            var references = report.GetProperty("references").EnumerateArray().Select(r => r.GetString()!).ToList();
            foreach (var citation in all)
            {
                Assert.Equal(text.Contains(citation.Cite, StringComparison.Ordinal), references.Contains(citation.Entry));
            }

            Assert.Equal(references.Order(StringComparer.Ordinal), references);
        }
    }
}
