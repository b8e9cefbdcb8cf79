using Evident.Evidence.Checking;
using Evident.Evidence.Sources;

namespace Evident.Evidence.Tests.Checking;

/// <summary>Text extraction with locations, sentence splitting and the reading of numbers and their roles.</summary>
public sealed class ExtractionTests
{
    private static readonly EvidenceSource Source = SeedFiles.Review();

    private static List<NumericClaim> Claims(string text, SummaryFormat format = SummaryFormat.Text)
    {
        var document = SummaryDocument.Read(text, format);
        return [.. ClaimReader.Read(document, new OutcomeNames(Source.Outcomes), Source.Outcomes).SelectMany(s => s.Claims)];
    }

    [Fact]
    public void Html_VisibleTextOnly_WithLinesColumnsAndLinks()
    {
        const string html = "<!doctype html>\n<html><head><title>0.99</title><style>p{}</style></head>\n<body>\n"
            + "<h2>Key takeaway</h2>\n<p>Training may increase MEP.</p>\n"
            + "<p>The SMD was <data value=\"0.42\" data-source=\"outcomes/mep/estimate\">0.42</data> &amp; more.<script>var x = 0.5;</script></p>\n"
            + "<svg><text>0.8</text></svg><p hidden>7</p>\n</body></html>\n";
        var document = SummaryDocument.Read(html, SummaryFormat.Html);
        Assert.Equal(["Key takeaway", "Training may increase MEP.", "The SMD was 0.42 & more."], document.Blocks.Select(b => b.Text));
        Assert.Equal([BlockKind.Heading, BlockKind.Paragraph, BlockKind.Paragraph], document.Blocks.Select(b => b.Kind));
        Assert.True(document.Blocks[1].IsTakeaway);
        var block = document.Blocks[2];
        var at = block.Text.IndexOf("0.42", StringComparison.Ordinal);
        Assert.Equal((6, 71), document.Locate(block.Offsets[at]));
        Assert.Equal("outcomes/mep/estimate", block.LinkAt(at));
        Assert.Equal('&', html[block.Offsets[block.Text.IndexOf('&', StringComparison.Ordinal)]]);
    }

    [Fact]
    public void Markdown_LinkTextCounts_TablesAreRows_CodeIsLeftOut()
    {
        const string md = "# Title\n\n> **Key takeaway.** Training may help.\n\nThe SMD was [0.42](#outcomes/mep/estimate) (p = .01).\n\n"
            + "    code 0.77\n\n| Participants | 249 |\n|---|---|\n| Studies | 8 |\n";
        var document = SummaryDocument.Read(md, SummaryFormat.Markdown);
        Assert.Equal(["Title", "Key takeaway. Training may help.", "The SMD was 0.42 (p = .01).", "Participants | 249", "Studies | 8"], document.Blocks.Select(b => b.Text));
        Assert.True(document.Blocks[1].IsTakeaway);
        Assert.Equal(BlockKind.TableRow, document.Blocks[3].Kind);
        var block = document.Blocks[2];
        var at = block.Text.IndexOf("0.42", StringComparison.Ordinal);
        Assert.Equal((5, 14), document.Locate(block.Offsets[at]));
        Assert.Equal("outcomes/mep/estimate", block.LinkAt(at));
    }

    [Fact]
    public void Text_KeyTakeawayLine_CoversTheNextLine_AndWrappedLinesJoin()
    {
        var document = SummaryDocument.Read("Key Takeaway\nConsider it.\n\nThe meta-analysis found\nsignificant results.\n", SummaryFormat.Text);
        Assert.Equal(["Key Takeaway", "Consider it.", "The meta-analysis found significant results."], document.Blocks.Select(b => b.Text));
        Assert.True(document.Blocks[1].IsTakeaway);
        Assert.False(document.Blocks[2].IsTakeaway);
        Assert.Equal((5, 1), document.Locate(document.Blocks[2].Offsets[24]));
    }

    [Theory]
    [InlineData("The SMD was 0.42 (95% CI [0.09-0.76], p = 0.01). Next one.", 2)]
    [InlineData("See e.g. the review, p = .01 and 0.42. Then more.", 2)]
    [InlineData("Smith et al. found it. It was 1.5 times higher!", 2)]
    [InlineData("A (first. Second) sentence.", 1)]
    public void Sentences_DoNotBreakAtCisPValuesAbbreviationsOrDecimals(string text, int count) => Assert.Equal(count, Lexer.Sentences(text).Count);

    [Theory]
    [InlineData("MEP had an SMD of 0.42 (95% CI [0.09-0.76], p = 0.01).")]
    [InlineData("MEP: SMD 0.42 (0.09 to 0.76); P=.01.")]
    [InlineData("MEP: SMD 0.42 (0.09–0.76), p-value of 0.01.")]
    [InlineData("For MEP the standardized mean difference was 0.42 (95% CI: 0.09, 0.76; p = 0.01).")]
    [InlineData("MEP (SMD = 0.42, 95% CI [0.09-0.76],  = 0.01, I = 24%)")]
    public void CiAndPForms_AreRead(string text)
    {
        var claims = Claims(text);
        Assert.Equal((0.42, "mep"), (claims.Single(c => c.Role == ClaimRole.Estimate).Value, claims.Single(c => c.Role == ClaimRole.Estimate).OutcomeId));
        Assert.Equal(0.09, claims.Single(c => c.Role == ClaimRole.CiLower).Value);
        Assert.Equal(0.76, claims.Single(c => c.Role == ClaimRole.CiUpper).Value);
        Assert.Equal((0.01, PRelation.Equal), (claims.Single(c => c.Role == ClaimRole.P).Value, claims.Single(c => c.Role == ClaimRole.P).Relation));
    }

    [Fact]
    public void NegativeNumbers_WithTheMinusSign_AndPBounds_AreRead()
    {
        var claims = Claims("FVC: MD \u22120.5 (95% CI \u22120.9 to \u22120.1; p < 0.001), I² = 24%, I2=30%.");
        Assert.Equal([-0.5, -0.9, -0.1], claims.Where(c => c.Role is ClaimRole.Estimate or ClaimRole.CiLower or ClaimRole.CiUpper).Select(c => c.Value));
        Assert.Equal("MD", claims.Single(c => c.Role == ClaimRole.Estimate).Measure);
        Assert.Equal(PRelation.Less, claims.Single(c => c.Role == ClaimRole.P).Relation);
        Assert.Equal([24, 30], claims.Where(c => c.Role == ClaimRole.I2).Select(c => c.Value));
    }

    [Fact]
    public void Counts_NumberWords_AndNotClaims_AreClassified()
    {
        var claims = Claims("Eight trials (8 RCTs, 12 studies) had 249 patients from 370 articles in five databases. "
            + "It starts between ages 20 and 50; in January 2026 (version 6.1, GRADE guidelines 26) forced expiratory volume in one second was one outcome.");
        string Role(string text) => claims.First(c => c.Text == text).Role + (claims.First(c => c.Text == text).Reason is { } r ? ":" + r : "");
        Assert.Equal("Studies", Role("Eight"));
        Assert.Equal("Studies", Role("8"));
        Assert.Equal("Studies", Role("12"));
        Assert.Equal("Participants", Role("249"));
        Assert.Equal("Records", Role("370"));
        Assert.Equal("Databases", Role("five"));
        Assert.Equal("NotAClaim:age", Role("20"));
        Assert.Equal("NotAClaim:age", Role("50"));
        Assert.Equal("NotAClaim:year", Role("2026"));
        Assert.Equal("NotAClaim:reference", Role("6.1"));
        Assert.Equal("NotAClaim:reference", Role("26"));
        Assert.DoesNotContain(claims, c => c.Text == "one");
    }

    [Fact]
    public void OutcomeNames_AreNormalised_AndTheLongestWins()
    {
        var names = new OutcomeNames(Source.Outcomes);
        Assert.Equal(["fev1-fvc", "fev1", "fvc", "fev1-fvc"],
            names.Find("The FEV/FVC ratio, FEV, total lung capacity (FVC) and FEV₁/FVC").Select(m => m.OutcomeId));
        Assert.Equal(["mep", "fev1"], names.Find("Maximal Expiratory Pressure and forced expiratory volume in 1 second").Select(m => m.OutcomeId));
    }
}
