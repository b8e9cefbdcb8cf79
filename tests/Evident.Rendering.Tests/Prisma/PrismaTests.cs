using Evident.Core;
using Evident.Rendering.Output;
using Evident.Rendering.Prisma;
using Evident.Rendering.Tests.RiskOfBias;
using Evident.Review.Prisma;

namespace Evident.Rendering.Tests.Prisma;

public class PrismaTests
{
    private static PrismaReadResult ReadTemplate()
    {
        var table = PrismaSamples.Template();
        return PrismaTable.Read(table.Header, table.Rows);
    }

    [Theory]
    [MemberData(nameof(Culture.Both), MemberType = typeof(Culture))]
    public void Template_IsTheGoldenFile(string culture)
    {
        var counts = ReadTemplate().Counts!;

        Golden.Assert(Culture.With(culture, () => SvgWriter.Write(PrismaDiagram.Draw(counts))), "prisma-template");
    }

    [Theory]
    [MemberData(nameof(Culture.Both), MemberType = typeof(Culture))]
    public void UpdateWithEveryColumn_IsTheGoldenFile(string culture)
    {
        var counts = PrismaSamples.Counts(PrismaSamples.Update());

        Golden.Assert(Culture.With(culture, () => SvgWriter.Write(PrismaDiagram.Draw(counts))), "prisma-update-all-columns");
    }

    [Fact]
    public void Template_IsReadAsShipped_WithItsPlaceholdersReported()
    {
        var read = ReadTemplate();

        var counts = read.Counts!;
        Assert.Equal(0, counts.DatabaseResults);
        Assert.Equal(["Database 1", "Database 2", "Database 3"], counts.Databases.Select(d => d.Name));
        Assert.All(counts.Databases, d => Assert.Equal((null, "xxx"), (d.N, d.Text)));
        Assert.Equal("Identification of new studies via databases and registers", counts.Label("newstud"));
        Assert.False(counts.HasPrevious);
        Assert.False(counts.HasOtherMethods);
        Assert.Equal(
            [(5, "database_specific_results"), (7, "register_specific_results"), (22, "dbr_excluded"), (24, "other_excluded")],
            read.Issues.Select(i => (i.StudyIndex ?? -1, i.Message.Split(':')[0])));
        Assert.All(read.Issues, i => Assert.Equal((PrismaIssueCodes.NotACount, "n"), (i.Code, i.Field)));
        Assert.Empty(PrismaChecks.Check(counts));
    }

    [Fact]
    public void Update_IsConsistent_AndDrawsEveryColumn()
    {
        var counts = PrismaSamples.Counts(PrismaSamples.Update());

        Assert.Empty(PrismaChecks.Check(counts));
        Assert.True(counts.HasPrevious && counts.HasOtherMethods && counts.HasMetaAnalysis);
        var texts = PrismaDiagram.Draw(counts).Texts.Select(t => t.Text).ToList();
        Assert.Contains("Previous studies", texts);
        Assert.Contains("Identification of new studies via other methods", texts);
        Assert.Contains("Reports excluded (n = 114):", texts);
        Assert.Contains("Embase (n = 540)", texts);
        Assert.Contains("Total studies included in review (n = 27)", texts);
    }

    [Fact]
    public void NoTextOverlaps_OrClipping_InEitherDiagram()
    {
        foreach (var drawing in new[] { PrismaDiagram.Draw(ReadTemplate().Counts!), PrismaDiagram.Draw(PrismaSamples.Counts(PrismaSamples.Update())) })
        {
            Assert.Empty(drawing.OverlappingTexts());
            Assert.All(drawing.Texts, t => Assert.True(t.Bounds.Left >= 0 && t.Bounds.Right <= drawing.Width && t.Bounds.Bottom <= drawing.Height, t.Text));
        }
    }

    [Fact]
    public void LongReasonsAndNames_Wrap_InsideTheirBoxes()
    {
        var reason = "Reported only as a conference abstract with no usable outcome data despite two requests to the authors";
        var counts = PrismaSamples.UpdateWith(
            ("dbr_excluded", $"{reason}, 100; Wrong population, 14"),
            ("database_specific_results", "A bibliographic database with a remarkably long and descriptive name (Ovid interface, 1946 to present), 1480"));

        var drawing = PrismaDiagram.Draw(counts, new PrismaOptions(MaxTextWidth: 180));

        Assert.Empty(drawing.OverlappingTexts());
        var boxes = drawing.Shapes.OfType<Drawing.RectShape>().Where(r => r.Class == "box-excluded").ToList();
        var box = Assert.Single(boxes).Bounds;
        var lines = drawing.Texts.Where(t => t.Class == "box-excluded-text").ToList();
        Assert.True(lines.Count > 3, "the long reason wraps");
        Assert.All(lines, t => Assert.True(t.Bounds.Left > box.Left && t.Bounds.Right < box.Right && t.Bounds.Top > box.Top && t.Bounds.Bottom < box.Bottom, t.Text));
        Assert.Contains(lines, t => t.Text.EndsWith("(n = 100)", StringComparison.Ordinal));
    }

    public static TheoryData<string, string, string[]> Violations() => new()
    {
        { "records_screened", "1041", ["records_screened", "Databases 1480", "Registers 95", "Duplicate records 402", "= 1040"] },
        { "database_results", "1500", ["database_results = 1500", "database_specific_results", "= 1480"] },
        { "dbr_sought_reports", "140", ["dbr_sought_reports = 140", "records_screened = 1040", "records_excluded = 903", "= 137"] },
        { "dbr_assessed", "127", ["dbr_assessed = 127", "dbr_sought_reports = 137", "dbr_notretrieved_reports = 9", "= 128"] },
        { "other_assessed", "20", ["other_assessed = 20", "other_sought_reports = 23", "other_notretrieved_reports = 2", "= 21"] },
        { "other_sought_reports", "70", ["other_sought_reports = 70", "Websites 14", "Citation searching 41", "= 61"] },
        { "new_reports", "19", ["new_reports = 19", "dbr_assessed = 128", "114", "other_assessed = 21", "= 18"] },
        { "new_studies", "19", ["new_studies = 19", "new_reports = 18"] },
        { "total_studies", "28", ["total_studies = 28", "previous_studies = 12", "new_studies = 15", "= 27"] },
        { "total_reports", "30", ["total_reports = 30", "previous_reports = 15", "new_reports = 18", "= 33"] },
        { "total_studies_ma", "30", ["total_studies_ma = 30", "total_studies = 27"] },
    };

    [Theory]
    [MemberData(nameof(Violations))]
    public void EachRule_ReportsTheBoxesAndNumbers(string key, string n, string[] named)
    {
        var counts = PrismaSamples.UpdateWith((key, n));

        var issues = PrismaChecks.Check(counts);

        var issue = Assert.Single(issues, i => i.StudyIndex == counts.Rows[key]);
        Assert.Equal((PrismaIssueCodes.CountMismatch, IssueSeverity.Error, "n"), (issue.Code, issue.Severity, issue.Field));
        Assert.All(named, text => Assert.Contains(text, issue.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void ExclusionReasons_ThatExceedTheReportsAssessed_AreReported()
    {
        var counts = PrismaSamples.UpdateWith(("dbr_excluded", "Wrong population, 100; Wrong outcome, 40"), ("new_reports", ""));

        var issue = Assert.Single(PrismaChecks.Check(counts));

        Assert.Equal(counts.Rows["dbr_excluded"], issue.StudyIndex);
        Assert.Contains("Wrong population 100 + Wrong outcome 40 = 140", issue.Message, StringComparison.Ordinal);
        Assert.Contains("dbr_assessed = 128", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NotACount_IsLocated_AndTheRuleNeedingItIsNotChecked()
    {
        var n = PrismaSamples.Update();
        n["records_excluded"] = "about 900";
        var table = PrismaSamples.Template(n);

        var read = PrismaTable.Read(table.Header, table.Rows);

        var issue = Assert.Single(read.Issues);
        Assert.Equal((PrismaIssueCodes.NotACount, read.Counts!.Rows["records_excluded"], "n"), (issue.Code, issue.StudyIndex, issue.Field));
        Assert.Empty(PrismaChecks.Check(read.Counts));
    }

    [Fact]
    public void UnknownAndDuplicateRows_AndMissingColumns_AreReported()
    {
        var table = Table.Parse("data,box,boxtext,n\nrecords_screened,box4,Records screened,10\nrecords_screend,box4,,3\nrecords_screened,box4,,11\n");

        var read = PrismaTable.Read(table.Header, table.Rows);

        Assert.Equal([(PrismaIssueCodes.UnknownRow, 1), (PrismaIssueCodes.DuplicateRow, 2)], read.Issues.Select(i => (i.Code, i.StudyIndex ?? -1)));
        Assert.Equal(10, read.Counts!.RecordsScreened);
        var noN = PrismaTable.Read(["data", "box"], []);
        Assert.Equal(PrismaIssueCodes.MissingColumn, Assert.Single(noN.Issues).Code);
        Assert.Null(noN.Counts);
    }

    [Fact]
    public void BoxText_ChangesTheWording()
    {
        var table = PrismaSamples.Template(PrismaSamples.Update());
        var boxText = table.Header.ToList().IndexOf("boxtext");
        var rows = table.Rows.Select(r => r[0] == "records_screened" ? (IReadOnlyList<string>)[.. r.Take(boxText), "Titel und Abstract gesichtet", .. r.Skip(boxText + 1)] : r).ToList();

        var counts = PrismaTable.Read(table.Header, rows).Counts!;

        Assert.Contains(PrismaDiagram.Draw(counts).Texts, t => t.Text == "Titel und Abstract gesichtet (n = 1040)");
    }

    [Fact]
    public void NewReview_SaysStudiesIncludedInReview()
    {
        var counts = PrismaSamples.UpdateWith(
            ("previous_studies", "NA"), ("previous_reports", ""), ("total_studies", ""), ("total_reports", ""), ("total_studies_ma", "12"), ("total_reports_ma", "14"));

        var texts = PrismaDiagram.Draw(counts).Texts.Select(t => t.Text).ToList();

        Assert.False(counts.HasPrevious);
        Assert.Contains("Studies included in review (n = 15)", texts);
        Assert.DoesNotContain("Previous studies", texts);
        Assert.Empty(PrismaChecks.Check(counts));
    }
}
