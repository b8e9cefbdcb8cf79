using Evident.Core;
using Evident.Rendering.RiskOfBias;
using Evident.Review.RiskOfBias;

namespace Evident.Rendering.Tests.RiskOfBias;

public class RobTableTests
{
    private static RobReadResult Read(string csv, RobTool? tool = null)
    {
        var table = Table.Parse(csv);
        return RobTable.Read(table.Header, table.Rows, tool);
    }

    [Theory]
    [InlineData("data_rob2", RobTool.Rob2, 5, 9)]
    [InlineData("data_rob2_cluster", RobTool.Rob2, 6, 9)]
    [InlineData("data_robins_i", RobTool.RobinsI, 7, 10)]
    [InlineData("data_robins_e", RobTool.RobinsE, 7, 10)]
    [InlineData("data_quadas", RobTool.Quadas2, 4, 12)]
    [InlineData("data_quips", RobTool.Quips, 6, 12)]
    [InlineData("data_rob1", RobTool.Rob1, 7, 9)]
    public void RobvisExamples_AreRead_WithTheirToolRecognised(string file, RobTool tool, int domains, int studies)
    {
        var table = SharedTable.Robvis(file);

        var result = RobTable.Read(table.Header, table.Rows);

        var assessment = Assert.IsType<RobAssessment>(result.Assessment);
        Assert.Equal(tool, assessment.Tool);
        Assert.Equal(domains, assessment.Domains.Count);
        Assert.Equal(studies, assessment.Studies.Count);
        Assert.True(assessment.HasOverall);
        Assert.Equal(RobIssueCodes.ToolDetected, Assert.Single(result.Issues).Code);
        Assert.All(assessment.Studies, s => Assert.All(s.Domains, d => Assert.NotNull(d)));
    }

    [Fact]
    public void Rob2_DomainsHaveTheirPublishedNames()
    {
        var table = SharedTable.Robvis("data_rob2");

        var assessment = RobTable.Read(table.Header, table.Rows).Assessment!;

        Assert.Equal("D1", assessment.Domains[0].Label);
        Assert.Equal("Bias arising from the randomization process", assessment.Domains[0].Name);
        Assert.Equal("Bias in selection of the reported result", assessment.Domains[4].Name);
        Assert.Equal([Judgement.NoInformation, Judgement.Low, Judgement.SomeConcerns, Judgement.Low, Judgement.Low], assessment.Studies[2].Domains);
    }

    [Fact]
    public void Rob2Cluster_D1bHasItsName()
    {
        var table = SharedTable.Robvis("data_rob2_cluster");

        var assessment = RobTable.Read(table.Header, table.Rows).Assessment!;

        Assert.Equal(("D1b", RobTools.Rob2ClusterDomain), (assessment.Domains[1].Label, assessment.Domains[1].Name));
        Assert.Equal(Judgement.NotApplicable, assessment.Studies[0].Domains[1]);
    }

    [Fact]
    public void Rob1_NamedColumns_AreNumberedAndNamedFromTheHeader()
    {
        var table = SharedTable.Robvis("data_rob1");

        var assessment = RobTable.Read(table.Header, table.Rows).Assessment!;

        Assert.Equal(("D1", "Random sequence generation"), (assessment.Domains[0].Label, assessment.Domains[0].Name));
        Assert.Equal(("D7", "Other sources of bias"), (assessment.Domains[6].Label, assessment.Domains[6].Name));
        Assert.Equal("Unclear", assessment.Word(Judgement.SomeConcerns));
    }

    [Fact]
    public void Rob1Tool_WithNumberedColumns_UsesTheSevenStandardDomains()
    {
        var result = Read("Study,D1,D2,D3,D4,D5,D6,D7,Overall\nA,Low,Unclear,High,Low,Low,Low,Low,High\n", RobTool.Rob1);

        Assert.Equal("Blinding of participants and personnel", result.Assessment!.Domains[2].Name);
        Assert.Empty(result.Issues);
    }

    [Fact]
    public void BadCells_AreLocated_AndTheRestIsRead()
    {
        var result = Read("Study,D1,D2,D3,D4,D5,Overall,Weight\nA,Low,Low,Low,Low,Low,Low,2\nB,Hihg,Low,Low,Low,Low,High,x\n,Low,Low,Low,Low,Low,Low,1\nC,Low,Low,Low,Low,Low,Low,-1\n");

        var assessment = result.Assessment!;
        Assert.Equal(["A", "B", "C"], assessment.Studies.Select(s => s.Study));
        Assert.Null(assessment.Studies[1].Domains[0]);
        Assert.Equal(Judgement.High, assessment.Studies[1].Overall);
        Assert.Equal([2.0, null, null], assessment.Studies.Select(s => s.Weight));

        var unknown = Assert.Single(result.Issues, i => i.Code == RobIssueCodes.UnknownJudgement);
        Assert.Equal((1, "D1", IssueSeverity.Error), (unknown.StudyIndex, unknown.Field, unknown.Severity));
        Assert.Contains("Hihg", unknown.Message, StringComparison.Ordinal);
        var missing = Assert.Single(result.Issues, i => i.Code == RobIssueCodes.MissingStudy);
        Assert.Equal((2, "Study"), (missing.StudyIndex, missing.Field));
        Assert.Equal([(1, "Weight"), (3, "Weight")], result.Issues.Where(i => i.Code == RobIssueCodes.BadWeight).Select(i => (i.StudyIndex, i.Field)));
    }

    [Fact]
    public void JudgementTheToolDoesNotHave_IsAnError_NamingTheToolsWords()
    {
        var result = Read("Study,D1,D2,D3,D4,D5,Overall\nA,Low,Critical,Low,Low,Low,High\n", RobTool.Rob2);

        var issue = Assert.Single(result.Issues);
        Assert.Equal((RobIssueCodes.JudgementNotInTool, 0, "D2"), (issue.Code, issue.StudyIndex, issue.Field));
        Assert.Contains("Some concerns", issue.Message, StringComparison.Ordinal);
        Assert.Null(result.Assessment!.Studies[0].Domains[1]);
    }

    [Fact]
    public void ToolWithOtherDomains_IsReported_AndDrawnWithoutTheToolsNames()
    {
        var result = Read("Study,D1,D2,D3,Overall\nA,Low,Low,Low,Low\n", RobTool.Rob2);

        Assert.Equal(RobIssueCodes.DomainsMismatch, Assert.Single(result.Issues).Code);
        Assert.Equal(RobTool.Generic, result.Assessment!.Tool);
        Assert.All(result.Assessment.Domains, d => Assert.Null(d.Name));
    }

    [Fact]
    public void OverallAndWeight_AreOptional()
    {
        var result = Read("Study,D1,D2,D3,D4,D5\nA,Low,Low,High,Low,Low\n");

        Assert.False(result.Assessment!.HasOverall);
        Assert.Null(result.Assessment.Studies[0].Overall);
        Assert.False(result.Assessment.HasWeights);
    }

    [Fact]
    public void NoStudyColumn_IsAnError_AndNothingIsRead()
    {
        var result = Read("Trialname,D1,Overall\nA,Low,Low\n");

        Assert.Null(result.Assessment);
        Assert.Equal(RobIssueCodes.NoStudyColumn, Assert.Single(result.Issues).Code);
    }

    [Fact]
    public void UnnamedIndexColumn_IsIgnored_WithAWarning()
    {
        var result = Read("\"\",Study,D1,D2,D3,D4,D5,Overall\n1,A,Low,Low,Low,Low,Low,Low\n");

        Assert.Contains(result.Issues, i => i.Code == RobIssueCodes.UnnamedColumn);
        Assert.Equal(RobTool.Rob2, result.Assessment!.Tool);
    }

    [Fact]
    public void ATableWithNoJudgement_IsNotARobTable_InOneIssue()
    {
        // A studies CSV given by mistake: its first column reads as the study, the rest as domains of numbers.
        var result = Read("Study,tpos,tneg,cpos,cneg\nAronson,4,119,11,128\nFerguson,6,300,29,274\n");

        Assert.Null(result.Assessment);
        var issue = Assert.Single(result.Issues, i => i.Severity == Evident.Core.IssueSeverity.Error);
        Assert.Equal(RobIssueCodes.NotARobTable, issue.Code);
        Assert.DoesNotContain(result.Issues, i => i.Code == RobIssueCodes.UnknownJudgement);
    }

    [Fact]
    public void WeightIssues_NoWeightsIsAnError_AMissingOneAWarningAtItsRow()
    {
        var none = Read("Study,D1,Overall\nA,Low,Low\nB,High,High\n").Assessment!;
        Assert.Equal([RobIssueCodes.NoWeights], RobTable.WeightIssues(none).Select(i => i.Code));

        var some = Read("Study,D1,Overall,Weight\nA,Low,Low,2\nB,High,High,\n").Assessment!;
        var issue = Assert.Single(RobTable.WeightIssues(some));
        Assert.Equal((RobIssueCodes.MissingWeight, 1), (issue.Code, issue.StudyIndex));
    }

    [Fact]
    public void Summary_Shares_AreCountsOrWeights()
    {
        var assessment = new RobAssessment(RobTool.Rob2, [new("D1", null)],
        [
            new("A", [Judgement.Low], Judgement.Low, 3),
            new("B", [Judgement.High], Judgement.High, 1),
            new("C", [Judgement.NotApplicable], Judgement.High, 4),
        ]);

        var plain = RobSummaryPlot.Shares(assessment, weighted: false);
        var weighted = RobSummaryPlot.Shares(assessment, weighted: true);

        Assert.Equal(0.5, plain[0][Judgement.Low]);
        Assert.Equal(2.0 / 3, plain[1][Judgement.High], 12);
        Assert.Equal(0.75, weighted[0][Judgement.Low]);
        Assert.Equal(5.0 / 8, weighted[1][Judgement.High], 12);
    }
}
