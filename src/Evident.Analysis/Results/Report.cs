using System.Globalization;
using Evident.Core;
using Evident.Core.EffectSizes;
using Evident.Core.Models;
using Evident.Core.Models.Regression;
using Evident.Core.Models.Subgroups;

namespace Evident.Analysis;

/// <summary>An issue as the command reports it: located in the file (row, column) and the outcome.</summary>
/// <param name="File">The input file as given, or null.</param>
/// <param name="Row">1-based line where the record starts (header = 1), or null for analysis-level issues.</param>
/// <param name="Column">The header as written in the file (or the escalc name when there is no such column), or null.</param>
/// <param name="Outcome">The outcome (analysis) it belongs to, or null.</param>
/// <param name="Code">Stable kebab-case code.</param>
/// <param name="Severity">How serious it is.</param>
/// <param name="Message">A sentence for people.</param>
public sealed record AnalysisIssue(string? File, int? Row, string? Column, string? Outcome, string Code, IssueSeverity Severity, string Message)
{
    /// <summary>In batch mode, the key of the analysis the issue belongs to (the <c>--by</c> columns and their values).</summary>
    public GroupKey? Key { get; init; }

    /// <summary>The one-line form printed on stderr: <c>data.csv:12: message [code]</c>.</summary>
    public override string ToString()
    {
        var where = (File ?? "evident") + (Row is { } row ? $":{row}" : string.Empty);
        var outcome = Key is { } key ? $"{key}: " : Outcome is null ? string.Empty : $"outcome \"{Outcome}\": ";
        return $"{where}: {outcome}{Message} [{Code}]";
    }
}

/// <summary>One input row of an outcome as reported: its effect size and per-study statistics, or nulls if skipped.</summary>
public sealed record StudyRow
{
    /// <summary>Study label.</summary>
    public string? Study { get; init; }
    /// <summary>Line where the record starts.</summary>
    public required int Row { get; init; }
    /// <summary>Effect size on the analysis scale.</summary>
    public double? Yi { get; init; }
    /// <summary>Sampling variance.</summary>
    public double? Vi { get; init; }
    /// <summary>Standard error.</summary>
    public double? Sei { get; init; }
    /// <summary>CI lower bound.</summary>
    public double? CiLower { get; init; }
    /// <summary>CI upper bound.</summary>
    public double? CiUpper { get; init; }
    /// <summary>Wald z.</summary>
    public double? Z { get; init; }
    /// <summary>Two-sided p-value.</summary>
    public double? P { get; init; }
    /// <summary>Weight in the pooled model, percent.</summary>
    public double? WeightPercent { get; init; }
    /// <summary>Group 1 size.</summary>
    public double? N1i { get; init; }
    /// <summary>Group 2 size.</summary>
    public double? N2i { get; init; }
    /// <summary>Total size.</summary>
    public double? Ni { get; init; }
    /// <summary>Back-transformed effect size.</summary>
    public double? YiBt { get; init; }
    /// <summary>Back-transformed CI lower bound.</summary>
    public double? CiLowerBt { get; init; }
    /// <summary>Back-transformed CI upper bound.</summary>
    public double? CiUpperBt { get; init; }
    /// <summary>Conversions applied to this study's numbers.</summary>
    public IReadOnlyList<string> Adjustments { get; init; } = [];
    /// <summary>The numbers read from the row (per-arm events, means, SDs, sizes…), or null when a cell could not be read.</summary>
    public StudyInput? Input { get; init; }
    /// <summary>With <c>--subgroup</c>: the row's subgroup value (null when empty).</summary>
    public string? Subgroup { get; init; }
}

/// <summary>One pooled analysis (one outcome).</summary>
/// <param name="Outcome">The outcome value, or null without an outcome column.</param>
/// <param name="Measure">The effect-size measure.</param>
/// <param name="Fit">Core's fitted model.</param>
/// <param name="BackTransform">The back-transformation of the measure, if it has one.</param>
/// <param name="NTotal">Sum of the usable studies' total N, or null if not known for all.</param>
/// <param name="Studies">Every input row of the outcome, in input order.</param>
public sealed record OutcomeReport(
    string? Outcome, EffectMeasure Measure, MetaAnalysisResult Fit, BackTransform? BackTransform, double? NTotal, IReadOnlyList<StudyRow> Studies)
{
    /// <summary>In batch mode, the <c>--by</c> columns and this analysis's values of them.</summary>
    public GroupKey? Key { get; init; }

    /// <summary>The data rows of the analysis read from the file (used or not).</summary>
    public int? Rows { get; init; }

    /// <summary>Of <see cref="Rows"/>, those whose effect size entered the analysis.</summary>
    public int? RowsUsed { get; init; }

    /// <summary>The method as the outputs name it (MH, PETO, REML, …); by default the fit's τ² method.</summary>
    public string? MethodName { get; init; }

    /// <summary>With <c>--method MH</c>/<c>PETO</c>: the table method's result (its tests of association and heterogeneity).</summary>
    public TableFitResult? Tables { get; init; }

    /// <summary>
    /// With Mantel-Haenszel OR or IRR: the same fit with the tests of association (CMH, Cochran) not continuity-corrected
    /// (<see cref="Tables"/> has the corrected ones, metafor's default).
    /// </summary>
    public TableFitResult? TablesUncorrected { get; init; }

    /// <summary>With <c>--subgroup</c>: the fit per subgroup and the test for subgroup differences.</summary>
    public SubgroupsReport? Subgroups { get; init; }

    /// <summary>With <c>--mods</c>: the meta-regression and its predictions.</summary>
    public RegressionReport? Regression { get; init; }

    /// <summary>With <c>evident bias</c>: the small-study and publication-bias analyses.</summary>
    public BiasReport? Bias { get; init; }

    /// <summary>With <c>evident sensitivity</c>: the sensitivity analyses.</summary>
    public SensitivityReport? Sensitivity { get; init; }

    /// <summary>With <c>--split-shared-control</c>: each comparison whose control group was divided (Row is the file line).</summary>
    public IReadOnlyList<SharedControlChange> SharedControlSplits { get; init; } = [];
}

/// <summary>A meta-regression of one analysis: the fit, and predictions at the <c>--newmods</c> rows (their name=value pairs).</summary>
/// <param name="Fit">Core's meta-regression.</param>
/// <param name="Predictions">Predictions, or null without <c>--newmods</c>.</param>
/// <param name="NewRows">The <c>--newmods</c> rows as given.</param>
public sealed record RegressionReport(
    MetaRegressionResult Fit, PredictionResult? Predictions, IReadOnlyList<IReadOnlyList<(string Name, string Value)>> NewRows);

/// <summary>The subgroups of one analysis and the test for subgroup differences.</summary>
/// <param name="Groups">The subgroups in order of first appearance.</param>
/// <param name="Test">The test for subgroup differences, or null when it cannot be computed (an issue says why).</param>
/// <param name="QWithin">Σ of the subgroups' Q.</param>
/// <param name="QWithinDf">Its degrees of freedom.</param>
/// <param name="QWithinP">Its p-value.</param>
/// <param name="CommonTau2">The τ² every subgroup was pooled with (<c>--tau2-common</c>), or null.</param>
public sealed record SubgroupsReport(
    IReadOnlyList<SubgroupReport> Groups, SubgroupDifferenceTest? Test, double QWithin, int QWithinDf, double QWithinP, double? CommonTau2);

/// <summary>One subgroup: its label, how many rows carry it, and its pooled fit (null when none of its studies is usable).</summary>
/// <param name="Label">The subgroup label.</param>
/// <param name="Studies">Studies with this label, usable or not.</param>
/// <param name="Fit">The subgroup's fit, or null.</param>
/// <param name="BackTransform">The measure's back-transformation.</param>
/// <param name="NTotal">Total N of the pooled studies, when known for all.</param>
public sealed record SubgroupReport(string Label, int Studies, MetaAnalysisResult? Fit, BackTransform? BackTransform, double? NTotal)
{
    /// <summary>The method as the outputs name it (MH, PETO), when it is not the fit's τ² method.</summary>
    public string? MethodName { get; init; }
}

/// <summary>What a <see cref="FieldValue"/> holds.</summary>
public enum FieldKind
{
    /// <summary>Nothing (null).</summary>
    None,
    /// <summary>Text.</summary>
    Text,
    /// <summary>A whole number.</summary>
    Integer,
    /// <summary>A number (which may be NaN or infinite: written as missing).</summary>
    Number,
    /// <summary>True or false.</summary>
    Flag,
    /// <summary>An interval of two numbers.</summary>
    Interval,
    /// <summary>A list of texts.</summary>
    List,
}

/// <summary>
/// The value of one cell of a CSV or Markdown table (read off a document record, <see cref="Documents.OutcomeDocument"/>):
/// text, a whole number, a number, a flag, an interval, a list of texts, or nothing. A struct, so the table writer
/// formats numbers without boxing them again.
/// </summary>
public readonly struct FieldValue
{
    private readonly object? _reference;
    private readonly double _first;
    private readonly double _second;

    private FieldValue(FieldKind kind, double first = 0, double second = 0, object? reference = null)
        => (Kind, _first, _second, _reference) = (kind, first, second, reference);

    /// <summary>What it holds.</summary>
    public FieldKind Kind { get; }

    /// <summary>The text (<see cref="FieldKind.Text"/>).</summary>
    public string Text => (string)_reference!;

    /// <summary>The number (<see cref="FieldKind.Number"/>, <see cref="FieldKind.Integer"/>).</summary>
    public double Number => _first;

    /// <summary>The whole number (<see cref="FieldKind.Integer"/>).</summary>
    public int Integer => (int)_first;

    /// <summary>The flag (<see cref="FieldKind.Flag"/>).</summary>
    public bool Flag => _first != 0;

    /// <summary>The interval (<see cref="FieldKind.Interval"/>), or null for any other kind.</summary>
    public Interval? Interval => Kind == FieldKind.Interval ? new Interval(_first, _second) : null;

    /// <summary>The texts (<see cref="FieldKind.List"/>).</summary>
    public IReadOnlyList<string> List => (IReadOnlyList<string>)_reference!;

#pragma warning disable CA2225 // the conversions are how a field list is written; named alternatives would only add noise
    /// <summary>Text; null is nothing.</summary>
    public static implicit operator FieldValue(string? text) => text is null ? default : new(FieldKind.Text, reference: text);

    /// <summary>A whole number.</summary>
    public static implicit operator FieldValue(int value) => new(FieldKind.Integer, value);

    /// <summary>A whole number; null is nothing.</summary>
    public static implicit operator FieldValue(int? value) => value is { } v ? new(FieldKind.Integer, v) : default;

    /// <summary>A number (NaN and ±∞ are written as missing).</summary>
    public static implicit operator FieldValue(double value) => new(FieldKind.Number, value);

    /// <summary>A number; null is nothing.</summary>
    public static implicit operator FieldValue(double? value) => value is { } v ? new(FieldKind.Number, v) : default;

    /// <summary>A flag.</summary>
    public static implicit operator FieldValue(bool value) => new(FieldKind.Flag, value ? 1 : 0);

    /// <summary>An interval; null is nothing.</summary>
    public static implicit operator FieldValue(Interval? value) => value is { } v ? new(FieldKind.Interval, v.Lower, v.Upper) : default;
#pragma warning restore CA2225

    /// <summary>A list of texts (null: nothing).</summary>
    public static FieldValue Of(IReadOnlyList<string>? list) => list is null ? default : new(FieldKind.List, reference: list);
}

/// <summary>The key of one analysis in batch mode: the <c>--by</c> headers and the values of one group of rows.</summary>
/// <param name="Columns">The headers, as written in the file.</param>
/// <param name="Values">The group's values, in the same order.</param>
public sealed record GroupKey(IReadOnlyList<string> Columns, IReadOnlyList<string> Values)
{
    /// <summary>The values joined with <c> | </c>, e.g. <c>CD000028_pub4 | 1 | 1</c>.</summary>
    public override string ToString() => string.Join(" | ", Values);
}

/// <summary>The counts a batch run prints at the end: rows per data type and per fate, analyses, issues per code.</summary>
/// <param name="Rows">Data rows read.</param>
/// <param name="RowsUsed">Rows whose effect size entered a fitted analysis.</param>
/// <param name="RowsNotUsed">The other rows, counted by the code of the issue that reports them.</param>
/// <param name="RowsByType">Rows per inferred data type (<c>none</c> when a row has none; the measure's type when it is given).</param>
/// <param name="Analyses">Groups of rows (distinct keys).</param>
/// <param name="Fitted">Analyses fitted.</param>
/// <param name="FittedByMeasure">Fitted analyses per measure.</param>
/// <param name="IssuesByCode">Issues per code.</param>
public sealed record BatchSummary(
    int Rows,
    int RowsUsed,
    IReadOnlyList<KeyValuePair<string, int>> RowsNotUsed,
    IReadOnlyList<KeyValuePair<string, int>> RowsByType,
    int Analyses,
    int Fitted,
    IReadOnlyList<KeyValuePair<string, int>> FittedByMeasure,
    IReadOnlyList<KeyValuePair<string, int>> IssuesByCode)
{
    /// <summary>The summary as printed on stderr.</summary>
    public IEnumerable<string> Lines(string file)
    {
        static string List(IEnumerable<KeyValuePair<string, int>> counts)
            => string.Join(", ", counts.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key} {c.Value:N0}")));

        yield return string.Create(CultureInfo.InvariantCulture, $"{file}: {Rows:N0} rows in {Analyses:N0} analyses; {Fitted:N0} analyses fitted, {Analyses - Fitted:N0} not.");
        yield return $"  rows by data type: {List(RowsByType)}";
        var notUsed = RowsNotUsed.Count == 0 ? "none" : List(RowsNotUsed);
        yield return string.Create(CultureInfo.InvariantCulture, $"  rows used: {RowsUsed:N0}; not used, by issue: {notUsed}");
        yield return $"  analyses by measure: {List(FittedByMeasure)}";
        yield return $"  issues by code: {(IssuesByCode.Count == 0 ? "none" : List(IssuesByCode))}";
    }
}
