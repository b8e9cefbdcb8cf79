using Evident.Core.Models;
using Evident.Core.Models.Regression;

namespace Evident.Core.Tests.Models.Regression;

/// <summary>
/// Bad input and degenerate models give clear issues, never exceptions or NaN: unknown columns, text in arithmetic,
/// missing values, collinear and constant moderators, one-level factors, k = p, invalid btt, new data that does not fit,
/// likelihood-ratio tests that are not meaningful; and the subgroup one-liner.
/// </summary>
public sealed class MetaRegressionEdgeCaseTests
{
    private static readonly MetaregDataset Bcg = MetaregFixtures.Dataset("bcg_edge");

    private static DesignResult Build(string formula) => DesignMatrix.Build(formula, Bcg.K, Bcg.ModeratorColumns());

    private static MetaRegressionResult Fit(string formula, Tau2Method method = Tau2Method.REML, TestMethod test = TestMethod.Z, CoefficientSelection? btt = null)
    {
        var built = Build(formula);
        Assert.True(built.Success, string.Join(" | ", built.Issues.Select(i => i.Message)));
        return MetaRegression.Fit(Bcg.Yi.ToArray(), Bcg.Vi.ToArray(), built.Design!, new FitOptions { Method = method, Test = test },
            new RegressionOptions { Btt = btt });
    }

    private static void AllFinite(MetaRegressionResult r)
    {
        Assert.All(r.Coefficients, c => Assert.True(double.IsFinite(c.Estimate) && double.IsFinite(c.StandardError) && double.IsFinite(c.PValue)));
        Assert.All(r.Covariance, v => Assert.True(double.IsFinite(v)));
        Assert.True(double.IsFinite(r.Tau2) && double.IsFinite(r.QE) && double.IsFinite(r.I2) && double.IsFinite(r.H2));
    }

    // ---- the formula and the data ----

    [Fact]
    public void UnknownColumn_IsAnErrorNamingTheColumn()
    {
        var built = Build("~ ablat + latitude");

        Assert.False(built.Success);
        var issue = Assert.Single(built.Issues);
        Assert.Equal(IssueCodes.UnknownColumn, issue.Code);
        Assert.Equal("latitude", issue.Field);
        Assert.Contains("position 11", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownColumn_SuggestsTheSameNameInOtherCase()
    {
        var issue = Assert.Single(Build("~ ABLAT").Issues);

        Assert.Equal(IssueCodes.UnknownColumn, issue.Code);
        Assert.Contains("Did you mean 'ablat'?", issue.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("~ I(alloc * 2)")]
    [InlineData("~ log(alloc)")]
    public void TextColumnInArithmetic_IsAnError(string formula)
    {
        var built = Build(formula);

        Assert.False(built.Success);
        var issue = Assert.Single(built.Issues);
        Assert.Equal(IssueCodes.TextAsNumber, issue.Code);
        Assert.Equal("alloc", issue.Field);
    }

    [Fact]
    public void TextColumnAsTerm_IsAFactor()
    {
        var design = Build("~ alloc").Design!;

        Assert.Equal(["intrcpt", "allocrandom", "allocsystematic"], design.ColumnNames);
    }

    [Fact]
    public void InvalidFormula_GivesNoDesign()
    {
        var built = Build("~ ablat +");

        Assert.False(built.Success);
        Assert.Equal(IssueCodes.FormulaSyntax, Assert.Single(built.Issues).Code);
    }

    [Fact]
    public void MissingModerators_LeaveTheirStudiesOutWithLocatedIssues()
    {
        var r = Fit("~ xna + allocna");

        Assert.Equal(10, r.K);
        var missing = r.Issues.Where(i => i.Code == IssueCodes.MissingModerator).ToList();
        Assert.Equal([2, 4, 7], missing.Select(i => i.StudyIndex!.Value));
        Assert.Equal(["xna", "allocna", "xna"], missing.Select(i => i.Field));
        Assert.All(missing, i => Assert.Equal(IssueSeverity.Warning, i.Severity));
        Assert.Equal([0, 1, 3, 5, 6, 8, 9, 10, 11, 12], r.Design.Rows);
        AllFinite(r);
    }

    [Fact]
    public void NonFiniteComputedValue_IsMissing()
    {
        var columns = new[] { ModeratorColumn.Numeric("x", [0, 1, 2, 3, 4]) };
        var design = DesignMatrix.Build("~ log(x)", 5, columns).Design!;

        Assert.Equal([1, 2, 3, 4], design.Rows);
        var issue = Assert.Single(design.Issues);
        Assert.Equal(IssueCodes.MissingModerator, issue.Code);
        Assert.Equal(0, issue.StudyIndex);
        Assert.Contains("log(x) = -Inf", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoStudyWithAllModerators_IsAnError()
    {
        var columns = new[] { ModeratorColumn.Numeric("x", [double.NaN, double.NaN]) };
        var built = DesignMatrix.Build("~ x", 2, columns);

        Assert.False(built.Success);
        Assert.Contains(built.Issues, i => i.Code == IssueCodes.NoUsableStudies && i.Severity == IssueSeverity.Error);
    }

    [Theory]
    [InlineData("~ 0")]
    [InlineData("~ -1")]
    public void NoCoefficients_IsAnError(string formula)
    {
        var built = Build(formula);

        Assert.False(built.Success);
        Assert.Contains(built.Issues, i => i.Code == IssueCodes.NoCoefficients);
    }

    [Fact]
    public void BadColumns_AreProgrammerErrors()
    {
        Assert.Throws<ArgumentException>(() => DesignMatrix.Build("~ x", 3, [ModeratorColumn.Numeric("x", [1, 2])]));
        Assert.Throws<ArgumentException>(() => DesignMatrix.Build("~ x", 2, [ModeratorColumn.Numeric("x", [1, 2]), ModeratorColumn.Text("x", ["a", "b"])]));
        var design = Build("~ ablat").Design!;
        Assert.Throws<ArgumentException>(() => MetaRegression.Fit([0.1, 0.2], [0.1, 0.1], design));
    }

    // ---- degenerate designs ----

    [Theory]
    [InlineData("~ ablat + ablat2", "ablat2")]
    [InlineData("~ ablat + I(2*ablat)", "I(2 * ablat)")]
    [InlineData("~ ablat + c5", "c5")]
    public void CollinearModerator_IsDroppedAndNamed(string formula, string dropped)
    {
        var r = Fit(formula);

        Assert.Equal(["intrcpt", "ablat"], r.Design.ColumnNames);
        Assert.Equal([dropped], r.Design.DroppedColumns);
        var issue = Assert.Single(r.Issues, i => i.Code == IssueCodes.RedundantModerator);
        Assert.Equal(dropped, issue.Field);
        var reference = Fit("~ ablat");
        Tolerances.ClosedForm.AssertClose(reference.Tau2, r.Tau2, "tau2");
        Tolerances.ClosedForm.AssertClose(reference.Coefficients[1].Estimate, r.Coefficients[1].Estimate, "slope");
    }

    [Fact]
    public void AllModeratorsConstant_GiveTheModelWithoutModerators()
    {
        var r = Fit("~ c5 + c7");

        Assert.True(r.Design.IsInterceptOnly);
        Assert.Equal(["c5", "c7"], r.Design.DroppedColumns);
        Assert.Null(r.R2);
        var pooled = MetaAnalysis.Fit(Bcg.Yi.ToArray(), Bcg.Vi.ToArray());
        Tolerances.ClosedForm.AssertClose(pooled.Estimate, r.Coefficients[0].Estimate, "estimate");
        Tolerances.ClosedForm.AssertClose(pooled.Tau2, r.Tau2, "tau2");
    }

    [Fact]
    public void OneLevelFactor_AddsNoColumnWithAWarning()
    {
        var r = Fit("~ ablat + factor(g1)");

        Assert.Equal(["intrcpt", "ablat"], r.Design.ColumnNames);
        var issue = Assert.Single(r.Issues, i => i.Code == IssueCodes.SingleLevelFactor);
        Assert.Equal("g1", issue.Field);
        Tolerances.ClosedForm.AssertClose(Fit("~ ablat").Tau2, r.Tau2, "tau2");
    }

    [Fact]
    public void OneLevelFactorWithoutIntercept_IsTheIntercept()
    {
        var design = Build("~ 0 + factor(g1) + ablat").Design!;

        Assert.Equal(["intrcpt", "ablat"], design.ColumnNames);
        Assert.True(design.HasIntercept);
    }

    [Theory]
    [InlineData(Tau2Method.REML, TestMethod.Z)]
    [InlineData(Tau2Method.DL, TestMethod.KNHA)]
    [InlineData(Tau2Method.ML, TestMethod.T)]
    [InlineData(Tau2Method.PM, TestMethod.ADHOC)]
    public void AsManyCoefficientsAsStudies_GivesIssuesNotNaN(Tau2Method method, TestMethod test)
    {
        var columns = new[] { ModeratorColumn.Numeric("x", [1, 2, 4]), ModeratorColumn.Numeric("z", [3, 1, 0]) };
        var design = DesignMatrix.Build("~ x + z", 3, columns).Design!;
        var r = MetaRegression.Fit([0.1, 0.4, -0.2], [0.01, 0.02, 0.03], design, new FitOptions { Method = method, Test = test });

        Assert.Equal(0, r.ResidualDf);
        Assert.Contains(r.Issues, i => i.Code == IssueCodes.NoResidualDf);
        Assert.Equal(TestMethod.Z, r.Test);
        Assert.Equal(test != TestMethod.Z, r.Issues.Any(i => i.Code == IssueCodes.KnhaFallbackToZ));
        Assert.Equal(0, r.Tau2);
        Assert.Null(r.Tau2StandardError);
        Assert.Equal(0, r.QE);
        Assert.Equal(1, r.QEPValue);
        Assert.Null(r.R2);
        Assert.Null(r.TypicalVariance);
        Assert.Null(r.RestrictedFit.Bic);
        AllFinite(r);
        var prediction = MetaRegression.Predict(r, [[2.0, 2.0]]).Predictions.Single();
        Assert.True(double.IsFinite(prediction.Estimate) && double.IsFinite(prediction.PredictionInterval.Upper));
    }

    [Fact]
    public void MoreCoefficientsThanStudies_DropsTheRedundantOnes()
    {
        var columns = new[] { ModeratorColumn.Numeric("x", [1, 2]), ModeratorColumn.Numeric("z", [3, 1]) };
        var design = DesignMatrix.Build("~ x + z", 2, columns).Design!;

        Assert.Equal(["intrcpt", "x"], design.ColumnNames);
        Assert.Equal(["z"], design.DroppedColumns);
    }

    // ---- tests of the coefficients ----

    [Fact]
    public void Btt_ByPositionNameOrPattern_SelectsTheSameCoefficients()
    {
        var byPosition = Fit("~ ablat + alloc", btt: CoefficientSelection.Parse("3:4"));
        var byName = Fit("~ ablat + alloc", btt: CoefficientSelection.ByName("alloc"));
        var retested = MetaRegression.TestCoefficients(Fit("~ ablat + alloc"), CoefficientSelection.ByPosition(4, 3, 3));

        Assert.Equal([3, 4], byPosition.ModeratorTest!.Coefficients);
        Assert.Equal([3, 4], byName.ModeratorTest!.Coefficients);
        Assert.Equal([3, 4], retested.ModeratorTest!.Coefficients);
        Tolerances.ClosedForm.AssertClose(byPosition.ModeratorTest.Statistic, byName.ModeratorTest.Statistic, "QM");
        Tolerances.ClosedForm.AssertClose(byPosition.ModeratorTest.Statistic, retested.ModeratorTest.Statistic, "QM");
    }

    [Theory]
    [InlineData("2:4", new[] { 2, 3, 4 })]
    [InlineData("2,5", new[] { 2, 5 })]
    [InlineData("c(2, 5)", new[] { 2, 5 })]
    [InlineData("2:3,6", new[] { 2, 3, 6 })]
    [InlineData(" 4 ", new[] { 4 })]
    public void CoefficientSelection_ParsesPositions(string text, int[] positions)
    {
        var selection = CoefficientSelection.Parse(text);

        Assert.Null(selection.Pattern);
        Assert.Equal(positions, selection.Positions);
    }

    [Theory]
    [InlineData("alloc")]
    [InlineData("I(x")]
    [InlineData("ablat:")]
    public void CoefficientSelection_ParsesPatterns(string text) => Assert.Equal(text, CoefficientSelection.Parse(text).Pattern);

    [Fact]
    public void Btt_LiteralTextThatIsNoRegex_MatchesLiterally()
    {
        var r = Fit("~ ablat + I(year - 1960)", btt: CoefficientSelection.ByName("I(year"));

        Assert.Equal([3], r.ModeratorTest!.Coefficients);
    }

    [Theory]
    [InlineData("5")]
    [InlineData("0:2")]
    [InlineData("latitude")]
    public void Btt_Invalid_GivesAnIssueAndNoTest(string btt)
    {
        var r = Fit("~ ablat + alloc", btt: CoefficientSelection.Parse(btt));

        Assert.Null(r.ModeratorTest);
        Assert.Contains(r.Issues, i => i.Code == IssueCodes.InvalidBtt && i.Severity == IssueSeverity.Error);
        AllFinite(r);
    }

    [Fact]
    public void InterceptOnlyModel_TestsTheIntercept()
    {
        var r = Fit("~ 1");

        Assert.Equal([1], r.ModeratorTest!.Coefficients);
        Tolerances.ClosedForm.AssertClose(r.Coefficients[0].Statistic!.Value * r.Coefficients[0].Statistic!.Value, r.ModeratorTest.Statistic, "QM = z²");
    }

    // ---- predictions ----

    [Fact]
    public void Predict_NewmodsOfTheWrongLength_IsLeftOutWithAnIssue()
    {
        var r = Fit("~ ablat + year");
        var result = MetaRegression.Predict(r, [[20.0, 1960.0], [20.0], [double.NaN, 1960.0], [40.0, 1970.0]]);

        Assert.Equal([0, 3], result.Predictions.Select(p => p.Row));
        Assert.Equal([1, 2], result.Issues.Select(i => i.StudyIndex!.Value));
        Assert.All(result.Issues, i => Assert.Equal(IssueCodes.NewmodsMismatch, i.Code));
    }

    [Fact]
    public void Predict_NewDataWithAnUnknownLevel_IsLeftOutWithAnIssue()
    {
        var r = Fit("~ ablat + alloc");
        var newdata = new[]
        {
            ModeratorColumn.Numeric("ablat", [20, 30, 40]),
            ModeratorColumn.Text("alloc", ["random", "cluster", "systematic"]),
        };
        var result = MetaRegression.Predict(r, 3, newdata);

        Assert.Equal([0, 2], result.Predictions.Select(p => p.Row));
        var issue = Assert.Single(result.Issues);
        Assert.Equal(IssueCodes.UnknownLevel, issue.Code);
        Assert.Equal(1, issue.StudyIndex);
        var byRows = MetaRegression.Predict(r, [[20.0, 1.0, 0.0]]).Predictions.Single();
        Tolerances.ClosedForm.AssertClose(byRows.Estimate, result.Predictions[0].Estimate, "same prediction either way");
    }

    [Fact]
    public void Predict_NewDataWithoutAColumnOfTheFormula_IsAnError()
    {
        var r = Fit("~ ablat + alloc");
        var result = MetaRegression.Predict(r, 1, [ModeratorColumn.Numeric("ablat", [20])]);

        Assert.Empty(result.Predictions);
        Assert.Equal(IssueCodes.UnknownColumn, Assert.Single(result.Issues).Code);
    }

    [Fact]
    public void Predict_MatrixDesign_TakesRowsOfColumnValues()
    {
        var ablat = Bcg.ModeratorColumns().Single(c => c.Name == "ablat").Numbers!;
        var design = DesignMatrix.FromColumns(["ablat"], [ablat]).Design!;
        var r = MetaRegression.Fit(Bcg.Yi.ToArray(), Bcg.Vi.ToArray(), design);
        var fromFormula = Fit("~ ablat");

        Assert.Equal(["intrcpt", "ablat"], design.ColumnNames);
        Tolerances.ClosedForm.AssertClose(fromFormula.Coefficients[1].Estimate, r.Coefficients[1].Estimate, "slope");
        Tolerances.ClosedForm.AssertClose(
            MetaRegression.Predict(fromFormula, [[30.0]]).Predictions[0].Estimate,
            MetaRegression.Predict(r, [[30.0]]).Predictions[0].Estimate, "prediction");
        Assert.Throws<InvalidOperationException>(() => MetaRegression.Predict(r, 1, [ModeratorColumn.Numeric("ablat", [30])]));
    }

    // ---- likelihood-ratio tests ----

    [Fact]
    public void Compare_DifferentData_IsNotMeaningful()
    {
        var full = Fit("~ ablat", Tau2Method.ML);
        var reduced = MetaRegression.Fit(Bcg.Yi.Select(y => y + 0.1).ToArray(), Bcg.Vi.ToArray(), DesignMatrix.InterceptOnly(Bcg.K),
            new FitOptions { Method = Tau2Method.ML });
        var comparison = MetaRegression.Compare(full, reduced);

        Assert.Null(comparison.Statistic);
        Assert.Null(comparison.PValue);
        Assert.Contains(comparison.Issues, i => i.Code == IssueCodes.LrtNotMeaningful);
    }

    [Fact]
    public void Compare_MlWithReml_IsNotMeaningful()
    {
        var comparison = MetaRegression.Compare(Fit("~ ablat", Tau2Method.ML), Fit("~ 1", Tau2Method.REML));

        Assert.Null(comparison.Statistic);
        Assert.Contains(comparison.Issues, i => i.Code == IssueCodes.LrtNotMeaningful);
    }

    [Fact]
    public void Compare_NotNested_Warns()
    {
        var comparison = MetaRegression.Compare(Fit("~ ablat*year", Tau2Method.ML), Fit("~ alloc", Tau2Method.ML));

        Assert.Contains(comparison.Issues, i => i.Code == IssueCodes.ModelsNotNested);
    }

    [Fact]
    public void Compare_Nested_DoesNotWarn()
    {
        var comparison = MetaRegression.Compare(Fit("~ ablat*year", Tau2Method.ML), Fit("~ I(ablat + 2*year)", Tau2Method.ML));

        Assert.Empty(comparison.Issues);
        Assert.Equal(2, comparison.Df);
        Assert.NotNull(comparison.Statistic);
    }

    // ---- subgroups: the common τ² in one line ----

    [Fact]
    public void FitGroups_GivesTheCommonTau2OfTheSubgroups()
    {
        var alloc = Bcg.ModeratorColumns().Single(c => c.Name == "alloc").Texts!;
        var common = MetaRegression.FitGroups(Bcg.Yi.ToArray(), Bcg.Vi.ToArray(), alloc);
        var viaFormula = Fit("~ factor(alloc)");

        Tolerances.ClosedForm.AssertClose(viaFormula.Tau2, common.Tau2, "tau2");
        Assert.Equal(["intrcpt", "factor(group)random", "factor(group)systematic"], common.Design.ColumnNames);
    }

    [Fact]
    public void FitGroups_WithOneGroup_IsTheModelWithoutModerators()
    {
        var labels = Enumerable.Repeat("all", Bcg.K).ToArray();
        var r = MetaRegression.FitGroups(Bcg.Yi.ToArray(), Bcg.Vi.ToArray(), labels);
        var pooled = MetaAnalysis.Fit(Bcg.Yi.ToArray(), Bcg.Vi.ToArray());

        Assert.True(r.Design.IsInterceptOnly);
        Assert.Contains(r.Issues, i => i.Code == IssueCodes.SingleLevelFactor);
        Tolerances.ClosedForm.AssertClose(pooled.Tau2, r.Tau2, "tau2");
    }
}
