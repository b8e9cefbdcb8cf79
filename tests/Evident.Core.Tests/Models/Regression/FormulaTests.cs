using Evident.Core.Models.Regression;

namespace Evident.Core.Tests.Models.Regression;

/// <summary>
/// Parsing moderator formulas: R's term algebra and ordering, the names metafor prints, and clear issues (with the
/// position) for text that is not a formula. The designs themselves are checked against metafor in
/// <see cref="DesignFixtureTests"/>.
/// </summary>
public sealed class FormulaTests
{
    [Theory]
    [InlineData("x", "~ x")]
    [InlineData("~x+z", "~ x + z")]
    [InlineData("~ x*z", "~ x + z + x:z")]
    [InlineData("~ c + a:b + b", "~ c + b + a:b")]
    [InlineData("~ b:a + a", "~ a + b:a")]
    [InlineData("~ (a + b + c)^2", "~ a + b + c + a:b + a:c + b:c")]
    [InlineData("~ (a + b)*(c + d)", "~ a + b + c + d + a:c + a:d + b:c + b:d")]
    [InlineData("~ a/(b + c)", "~ a + a:b + a:c")]
    [InlineData("~ (a + b)/c", "~ a + b + a:b:c")]
    [InlineData("~ a*b - a:b", "~ a + b")]
    [InlineData("~ a:b:a", "~ a:b")]
    [InlineData("~ 0 + g", "~ 0 + g")]
    [InlineData("~ g - 1", "~ 0 + g")]
    [InlineData("~ -1 + g", "~ 0 + g")]
    [InlineData("~ 1 - 1 + a", "~ 0 + a")]
    [InlineData("~ a - 1 + 1", "~ a")]
    [InlineData("~ 1", "~ 1")]
    [InlineData("~ 0", "~ 0")]
    [InlineData("~ factor( g ) + I(x-3) + I(x^2) + I(x*7/1000)", "~ factor(g) + I(x - 3) + I(x^2) + I(x * 7/1000)")]
    [InlineData("~ I(-x) + I(x^-1) + I((x + 1)*2) + I(x - (2 - 1))", "~ I(-x) + I(x^-1) + I((x + 1) * 2) + I(x - (2 - 1))")]
    [InlineData("~ I(1e-3*x) + I(x*1e5) + I(0.50*x) + I(10^-2*x)", "~ I(0.001 * x) + I(x * 1e+05) + I(0.5 * x) + I(10^-2 * x)")]
    [InlineData("~ log(x) + sqrt(x) + exp(x/100) + I(log10(x))", "~ log(x) + sqrt(x) + exp(x/100) + I(log10(x))")]
    [InlineData("~ `dose (mg)` + dot.name_1 + `x`", "~ `dose (mg)` + dot.name_1 + x")]
    [InlineData("~ factor(`my var`)", "~ factor(`my var`)")]
    public void Parse_GivesRsTermsAndNames(string text, string canonical)
    {
        var result = ModelFormula.Parse(text);

        Assert.True(result.Success, string.Join(" | ", result.Issues.Select(i => i.Message)));
        Assert.Equal(canonical, result.Formula!.ToString());
        Assert.Equal(text, result.Formula.Text);
    }

    [Fact]
    public void Parse_PowerOfOneVariable_IsTheVariableWithAWarning()
    {
        var result = ModelFormula.Parse("~ x^2");

        Assert.True(result.Success);
        Assert.Equal("~ x", result.Formula!.ToString());
        Assert.Equal(IssueCodes.FormulaPower, Assert.Single(result.Issues).Code);
    }

    [Theory]
    [InlineData("", 1)]
    [InlineData("~", 2)]
    [InlineData("x +", 4)]
    [InlineData("x + )", 5)]
    [InlineData("factor(x", 9)]
    [InlineData("factor(x + z)", 10)]
    [InlineData("I(x - )", 7)]
    [InlineData("x %in% z", 3)]
    [InlineData("yi ~ x", 4)]
    [InlineData("x + 2", 5)]
    [InlineData("poly(x, 2)", 1)]
    [InlineData("1:x", 2)]
    [InlineData("`x", 1)]
    [InlineData("x > 3", 3)]
    [InlineData("I(x:z)", 4)]
    [InlineData("x^1.5", 3)]
    [InlineData("I(foo(x))", 3)]
    [InlineData("x z", 3)]
    public void Parse_InvalidText_GivesAFormulaSyntaxIssueWithThePosition(string text, int position)
    {
        var result = ModelFormula.Parse(text);

        Assert.False(result.Success);
        var issue = Assert.Single(result.Issues);
        Assert.Equal(IssueCodes.FormulaSyntax, issue.Code);
        Assert.Equal(IssueSeverity.Error, issue.Severity);
        Assert.Contains($"(at position {position})", issue.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.001, "0.001")]
    [InlineData(0.0001, "1e-04")]
    [InlineData(0.00012, "0.00012")]
    [InlineData(1e5, "1e+05")]
    [InlineData(123456, "123456")]
    [InlineData(123456789012, "123456789012")]
    [InlineData(0.5, "0.5")]
    [InlineData(2, "2")]
    [InlineData(-3.25, "-3.25")]
    [InlineData(1.5e300, "1.5e+300")]
    [InlineData(0.1 + 0.2, "0.3")]
    [InlineData(1 / 3.0, "0.333333333333333")]
    [InlineData(100, "100")]
    [InlineData(1e15, "1e+15")]
    public void Number_IsPrintedAsR(double value, string expected) => Assert.Equal(expected, RText.Number(value));

    [Fact]
    public void CodePointOrder_IsRsCLocaleOrder()
    {
        var labels = new List<string> { "b", "B", "a", "A", "_x", "10", "9", "1.5", "a b", "é" };
        labels.Sort(RText.CompareCodePoints);

        Assert.Equal(["1.5", "10", "9", "A", "B", "_x", "a", "a b", "b", "é"], labels);
    }
}
