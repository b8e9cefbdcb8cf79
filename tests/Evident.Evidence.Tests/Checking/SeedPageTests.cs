using Evident.Evidence.Checking;
using Evident.Tests.Shared;

namespace Evident.Evidence.Tests.Checking;

public sealed class SeedPageTests
{
    private static readonly string Golden = Repo.Path("tests", "Evident.Evidence.Tests", "Checking", "golden");

    private static (SummaryDocument Document, CheckResult Result) Check()
    {
        var document = SummaryDocument.Read(SeedFiles.PageText(), SummaryFormat.Text);
        return (document, SummaryCheck.Run(document, SeedFiles.Review()));
    }

    [Fact]
    public void SeedPage_Findings_MatchTheGoldenFile()
    {
        var (_, result) = Check();
        GoldenFile.Assert(CheckReport.Text(result, "seed/" + SeedFiles.PageName), Golden, "seed-page", "txt");
    }

    [Fact]
    public void SeedPage_Numbers_MatchTheGoldenFile()
    {
        var (document, result) = Check();
        GoldenFile.Assert(SeedFiles.Claims(document, result), Golden, "seed-page-numbers", "txt");
    }
}

public sealed class SeedPageFindingTests
{
    // Lazy, not a static field: the seed page is in ../shared, and a skip thrown by a type initialiser is a failure.
    private static readonly Lazy<CheckResult> Checked = new(() => SummaryCheck.Run(SummaryDocument.Read(SeedFiles.PageText(), SummaryFormat.Text), SeedFiles.Review()));

    private static CheckResult Result => Checked.Value;

    private static List<Finding> At(string code) => [.. Result.Findings.Where(f => f.Code == code)];

    [Fact]
    public void EveryNumberOfThePage_TracesToTheAbstract()
    {
        Assert.DoesNotContain(Result.Findings, f => f.Code is FindingCodes.UntracedNumber or FindingCodes.WrongOutcome or FindingCodes.CountMismatch);
        var ratio = Result.Claims.Single(c => c is { Role: ClaimRole.Estimate, OutcomeId: "fev1-fvc" });
        Assert.Equal(0.52, ratio.Value);
        Assert.Equal("SMD", ratio.Measure);
        var p = Result.Claims.Single(c => c is { Role: ClaimRole.P, OutcomeId: "fev1-fvc" });
        Assert.Equal((0.005, 3), (p.Value, p.Decimals));
        Assert.Contains(Result.Claims, c => c is { Role: ClaimRole.Studies, Value: 8, Text: "eight" });
        Assert.Contains(Result.Claims, c => c is { Role: ClaimRole.NotAClaim, Reason: "age", Value: 20 });
        Assert.Contains(Result.Claims, c => c is { Role: ClaimRole.EvidenceLevel, Value: 1 });
    }

    [Fact]
    public void ForcedVitalCapacityNotSignificant_IsNotAnError_ButDidNotImprove_IsAbsenceAsNoEffect()
    {
        Assert.DoesNotContain(Result.Findings, f => f.Code == FindingCodes.SignificanceMismatch);
        var absence = Assert.Single(At(FindingCodes.AbsenceAsNoEffect));
        Assert.Equal(("did not improve", 52, "outcomes/fvc/p"), (absence.Quote, absence.Line, absence.SourcePath));
    }

    [Fact]
    public void KeyTakeaway_Consider_IsARecommendation()
    {
        var f = Assert.Single(At(FindingCodes.RecommendationInTakeaway));
        Assert.Equal(("Consider", 10, 1, FindingSeverity.Error), (f.Quote, f.Line, f.Column, f.Severity));
    }

    [Fact]
    public void EvidenceLevel1_IsADesignLevel_NotPresentedAsCertainty()
    {
        Assert.Empty(At(FindingCodes.LevelAsCertainty));
        Assert.Empty(At(FindingCodes.EvidenceLevelMismatch));
    }

    [Fact]
    public void SettlesTheDebate_AndTrainingWorks_AreOverstated()
    {
        var quotes = At(FindingCodes.OverstatedCertainty).Select(f => (f.Quote, f.Line)).ToList();
        Assert.Contains(("settles", 36), quotes);
        Assert.Contains(("shows that", 36), quotes);
        Assert.All(At(FindingCodes.OverstatedCertainty), f => Assert.Equal(FindingSeverity.DecisionError, f.Severity));
    }

    [Fact]
    public void MeaningfulAmount_WithoutAnMid_AndGeneralisations_AreWarnings()
    {
        Assert.Contains(At(FindingCodes.MidNotGiven), f => f.Quote == "meaningful" && f.Line == 48);
        var over = At(FindingCodes.Overgeneralisation).Select(f => f.Quote.ToLowerInvariant()).ToList();
        Assert.Contains("more efficient", over);
        Assert.Contains("better breathing", over);
        Assert.Contains("more energy", over);
    }

    [Fact]
    public void TotalLungCapacity_IsNotFvc()
    {
        var f = Assert.Single(At(FindingCodes.OutcomeMislabelled));
        Assert.Equal(("total lung capacity (FVC)", 52, 49, "outcomes/fvc/full_name"), (f.Quote, f.Line, f.Column, f.SourcePath));
    }

    [Fact]
    public void QuotedAbstract_IsNotCheckedAsTheSummarysClaims()
    {
        var abstractLine = SeedFiles.PageText().ReplaceLineEndings("\n").Split('\n').ToList().FindIndex(l => l.StartsWith("INTRODUCTION", StringComparison.Ordinal)) + 1;
        Assert.DoesNotContain(Result.Findings, f => f.Line == abstractLine);
    }
}

public sealed class AbstractCheckTests
{
    private static AbstractCheckResult Seed() => AbstractCheck.Run(SummaryDocument.Read(SeedFiles.AbstractText(), SummaryFormat.Text));

    [Fact]
    public void SeedAbstract_HasFiveOutcomes_EachPAgreesWithItsCi()
    {
        var result = Seed();
        Assert.Equal(["MEP", "MIP", "FEV", "FEV/FVC", "FVC"], result.Outcomes.Select(o => o.Name));
        Assert.Empty(result.Findings);
        foreach (var o in result.Outcomes.Take(4))
        {
            Assert.True(o.CiWellFormed);
            Assert.True(o.CiSymmetric);
            Assert.True(o.PAgreesWithCi);
            Assert.Equal("SMD", o.Measure);
        }

        // MEP 0.42 [0.09, 0.76]: SE = 0.67/3.92, z = 2.457, p = 0.0140 (Altman & Bland 2011).
        var mep = result.Outcomes[0];
        Assert.Equal(0.0140, mep.RecomputedP!.Value, 4);
        Assert.InRange(mep.RecomputedPRange!.Value.Low, 0.0115, 0.0117);
        Assert.Equal(24, mep.I2!.Value);
        var ratio = result.Outcomes[3];
        Assert.Equal(0.005, ratio.P!.Value);
        Assert.InRange(ratio.RecomputedPRange!.Value.Low, 0.0047, 0.0049);
    }

    [Fact]
    public void SeedAbstract_Fvc_HasTheCiItsPImplies()
    {
        var fvc = Seed().Outcomes[4];
        Assert.Null(fvc.Lower);
        Assert.Null(fvc.PAgreesWithCi);
        var (lower, upper, lowerRange, upperRange) = fvc.ImpliedCi!.Value;

        // SMD 0.28, p = 0.06: z = 1.881, SE = 0.149, CI 0.28 ± 0.292.
        Assert.Equal(-0.012, lower, 3);
        Assert.Equal(0.572, upper, 3);
        Assert.InRange(lowerRange.Low, -0.019, -0.017);
        Assert.InRange(lowerRange.High, -0.007, -0.005);
        Assert.InRange(upperRange.Low, 0.555, 0.557);
        Assert.InRange(upperRange.High, 0.587, 0.589);
    }

    [Fact]
    public void Text_SaysForEachOutcomeWhetherPAgrees_AndGivesFvcsImpliedCi()
    {
        var text = AbstractCheck.Text(Seed(), "abstract.txt");
        Assert.Contains("MEP (maximal expiratory pressure)  SMD 0.42, CI 0.09 to 0.76, p = 0.01, I² 24%", text, StringComparison.Ordinal);
        Assert.Equal(4, text.Split("p agrees with CI: yes").Length - 1);
        Assert.Contains("CI implied by p = 0.06: -0.012 to 0.572", text, StringComparison.Ordinal);
        Assert.EndsWith("0 errors, 0 decision errors, 0 warnings.\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Drug A reduced relapse (OR = 0.60, 95% CI 0.45 to 0.80, p = 0.40).", FindingCodes.PCiDecisionError)]
    [InlineData("Drug A reduced relapse (OR = 0.60, 95% CI 0.45 to 0.80, p = 0.01).", FindingCodes.PCiInconsistent)]
    [InlineData("Drug A reduced relapse (OR = 0.60, 95% CI 0.80 to 0.45, p = 0.0005).", FindingCodes.CiMalformed)]
    [InlineData("Drug A reduced relapse (OR = 0.60, 95% CI 0.30 to 0.80, p = 0.0005).", FindingCodes.CiAsymmetric)]
    public void InconsistentAbstract_IsFound(string text, string code)
    {
        var result = AbstractCheck.Run(SummaryDocument.Read("Relapse within a year (RWY) was measured. " + text.Replace("relapse (", "RWY (", StringComparison.Ordinal), SummaryFormat.Text));
        Assert.Contains(result.Findings, f => f.Code == code);
        Assert.True(result.HasErrors);
    }
}
