using System.Globalization;
using Evident.Core.Models.Regression;
using Evident.Core.Tests.Support;

namespace Evident.Core.Tests.Models.Regression;

/// <summary>
/// Every formula in <c>tests/fixtures/metareg/designs.json</c>: the design matrix metafor 3.8-1 built (<c>res$X</c>, after
/// rows with NAs and redundant columns were dropped) against <see cref="DesignMatrix.Build(string, int, IReadOnlyList{ModeratorColumn})"/>:
/// column names, rows used, every value, and the warnings as issue codes.
/// </summary>
public sealed class DesignFixtureTests
{
    public static IEnumerable<TheoryDataRow<string>> Formulas() =>
        MetaregFixtures.Designs.Designs.Select(d => new TheoryDataRow<string>(d.Formula));

    [Fact]
    public void Fixture_HasTheExpectedShape()
    {
        var file = MetaregFixtures.Designs;
        Assert.Equal("3.8.1", file.MetaforVersion);
        Assert.True(file.Designs.Count >= 70, $"expected at least 70 formulas, found {file.Designs.Count}");
        Assert.Equal(file.Designs.Count, file.Designs.Select(d => d.Formula).Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [MemberData(nameof(Formulas))]
    public void Design_MatchesMetafor(string formula)
    {
        var file = MetaregFixtures.Designs;
        var expected = file.Designs.Single(d => d.Formula == formula);
        var m = new Mismatches(formula);
        var result = DesignMatrix.Build(formula, file.K, MetaregFixtures.Columns(file.Columns));

        Assert.Null(expected.Error);
        Assert.True(result.Success, $"{formula}: no design; issues: {string.Join(" | ", result.Issues.Select(i => i.Message))}");
        var design = result.Design!;
        m.True(design.ColumnNames.SequenceEqual(expected.ColumnNames!),
            $"columns: expected [{string.Join(", ", expected.ColumnNames!)}], got [{string.Join(", ", design.ColumnNames)}]");
        m.True(design.HasIntercept == expected.InterceptIncluded, $"HasIntercept: expected {expected.InterceptIncluded}, got {design.HasIntercept}");
        m.True(design.Rows.SequenceEqual(expected.Rows!),
            $"rows: expected [{string.Join(", ", expected.Rows!)}], got [{string.Join(", ", design.Rows)}]");
        if (design.P == expected.Columns!.Count && design.K == expected.Rows!.Count)
        {
            for (var j = 0; j < design.P; j++)
            {
                for (var i = 0; i < design.K; i++)
                {
                    m.Close(string.Create(CultureInfo.InvariantCulture, $"X[{i},{j}]"), expected.Columns[j][i], design[i, j], Tolerances.ClosedForm);
                }
            }
        }

        var redundant = expected.Warnings.Any(w => w.Contains("Redundant predictors", StringComparison.Ordinal));
        m.True(redundant == design.Issues.Any(i => i.Code == IssueCodes.RedundantModerator),
            $"redundant-moderator issue: metafor warned {redundant}, Evident {!redundant}");
        m.True(design.DroppedColumns.Count > 0 == redundant, "DroppedColumns must be non-empty exactly when columns were dropped");
        var omitted = expected.Warnings.Any(w => w.Contains("NAs omitted", StringComparison.Ordinal));
        m.True(omitted == design.Issues.Any(i => i.Code == IssueCodes.MissingModerator),
            $"missing-moderator issue: metafor warned {omitted}");
        m.True(design.Issues.Where(i => i.Code == IssueCodes.MissingModerator).Select(i => i.StudyIndex!.Value)
                .SequenceEqual(Enumerable.Range(0, file.K).Except(design.Rows)),
            "one missing-moderator issue per row left out, with its index");
        m.ThrowIfAny();
    }
}
