using System.Globalization;
using System.Text.Json.Serialization;

namespace Evident.Analysis.Documents;

/// <summary>
/// One element of the document's <c>outcomes</c>: the analysis's key (batch mode), outcome and measure, the fields of
/// its pooled fit (<see cref="FitDocument"/>), then what only some analyses have (the MH/Peto tests, subgroups, the
/// meta-regression, divided control groups, the bias and sensitivity analyses) and its studies. Its scalar fields are
/// also the columns of the CSV and Markdown tables.
/// </summary>
public sealed record OutcomeDocument : FitDocument
{
    /// <summary>For deserialization.</summary>
    public OutcomeDocument()
    {
    }

    private OutcomeDocument(OutcomeReport outcome)
        : base(outcome.Fit, outcome.MethodName, outcome.BackTransform, outcome.NTotal)
    {
    }

    /// <summary>In batch mode: the <c>--by</c> columns and this analysis's values of them, in order; absent otherwise.</summary>
    [JsonPropertyName("key")]
    [JsonPropertyOrder(-3)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonConverter(typeof(TextPairsConverter))]
    public IReadOnlyList<KeyValuePair<string, string>>? Key { get; init; }

    /// <summary>The outcome, or null without an outcome column.</summary>
    [JsonPropertyName("outcome")]
    [JsonPropertyOrder(-2)]
    public string? Outcome { get; init; }

    /// <summary>The effect-size measure.</summary>
    [JsonPropertyName("measure")]
    [JsonPropertyOrder(-1)]
    public string? Measure { get; init; }

    /// <summary>With <c>--method MH</c>/<c>PETO</c>: tables with an estimate; absent otherwise.</summary>
    [JsonPropertyName("k_with_estimate")]
    [JsonPropertyOrder(1)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? KWithEstimate { get; init; }

    /// <summary>With <c>--method MH</c>/<c>PETO</c>: the tests of association and heterogeneity; absent otherwise.</summary>
    [JsonPropertyName("tests")]
    [JsonPropertyOrder(2)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TableTestsDocument? Tests { get; init; }

    /// <summary>With <c>--subgroup</c>: the subgroups in order of first appearance; absent otherwise.</summary>
    [JsonPropertyName("subgroups")]
    [JsonPropertyOrder(3)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<SubgroupDocument>? Subgroups { get; init; }

    /// <summary>With <c>--subgroup</c>: the test for subgroup differences; absent otherwise.</summary>
    [JsonPropertyName("subgroup_test")]
    [JsonPropertyOrder(4)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SubgroupTestDocument? SubgroupTest { get; init; }

    /// <summary>With <c>--mods</c>: the formula (the meta-regression's fields, from here to <see cref="Bic"/>, are absent without it).</summary>
    [JsonPropertyName("mods")]
    [JsonPropertyOrder(5)]
    [JsonPresentWith(nameof(KRegression))]
    public string? Mods { get; init; }

    /// <summary>With <c>--mods</c>: studies in the meta-regression.</summary>
    [JsonPropertyName("k_regression")]
    [JsonPropertyOrder(6)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? KRegression { get; init; }

    /// <summary>With <c>--mods</c>: the omnibus test of the moderators (QM, or F for the Knapp-Hartung test).</summary>
    [JsonPropertyName("qm")]
    [JsonPropertyOrder(7)]
    [JsonPresentWith(nameof(KRegression))]
    public double? Qm { get; init; }

    /// <summary>With <c>--mods</c>: its (numerator) degrees of freedom.</summary>
    [JsonPropertyName("qm_df")]
    [JsonPropertyOrder(8)]
    [JsonPresentWith(nameof(KRegression))]
    public int? QmDf { get; init; }

    /// <summary>With <c>--mods</c>: the F test's denominator degrees of freedom; null for QM.</summary>
    [JsonPropertyName("qm_df2")]
    [JsonPropertyOrder(9)]
    [JsonPresentWith(nameof(KRegression))]
    public int? QmDf2 { get; init; }

    /// <summary>With <c>--mods</c>: the omnibus test's p-value.</summary>
    [JsonPropertyName("qm_p")]
    [JsonPropertyOrder(10)]
    [JsonPresentWith(nameof(KRegression))]
    public double? QmP { get; init; }

    /// <summary>With <c>--mods</c>: the 1-based positions of the coefficients the test covers, comma-separated.</summary>
    [JsonPropertyName("qm_coefficients")]
    [JsonPropertyOrder(11)]
    [JsonPresentWith(nameof(KRegression))]
    public string? QmCoefficients { get; init; }

    /// <summary>With <c>--mods</c>: the test for residual heterogeneity, QE.</summary>
    [JsonPropertyName("qe")]
    [JsonPropertyOrder(12)]
    [JsonPresentWith(nameof(KRegression))]
    public double? Qe { get; init; }

    /// <summary>With <c>--mods</c>: QE's degrees of freedom.</summary>
    [JsonPropertyName("qe_df")]
    [JsonPropertyOrder(13)]
    [JsonPresentWith(nameof(KRegression))]
    public int? QeDf { get; init; }

    /// <summary>With <c>--mods</c>: QE's p-value.</summary>
    [JsonPropertyName("qe_p")]
    [JsonPropertyOrder(14)]
    [JsonPresentWith(nameof(KRegression))]
    public double? QeP { get; init; }

    /// <summary>With <c>--mods</c>: the residual τ².</summary>
    [JsonPropertyName("tau2_residual")]
    [JsonPropertyOrder(15)]
    [JsonPresentWith(nameof(KRegression))]
    public double? Tau2Residual { get; init; }

    /// <summary>With <c>--mods</c>: its standard error.</summary>
    [JsonPropertyName("tau2_residual_se")]
    [JsonPropertyOrder(16)]
    [JsonPresentWith(nameof(KRegression))]
    public double? Tau2ResidualSe { get; init; }

    /// <summary>With <c>--mods</c>: the residual I², percent.</summary>
    [JsonPropertyName("i2_residual")]
    [JsonPropertyOrder(17)]
    [JsonPresentWith(nameof(KRegression))]
    public double? I2Residual { get; init; }

    /// <summary>With <c>--mods</c>: the residual H².</summary>
    [JsonPropertyName("h2_residual")]
    [JsonPropertyOrder(18)]
    [JsonPresentWith(nameof(KRegression))]
    public double? H2Residual { get; init; }

    /// <summary>With <c>--mods</c>: the share of τ² the moderators account for (pseudo-R², percent).</summary>
    [JsonPropertyName("r2")]
    [JsonPropertyOrder(19)]
    [JsonPresentWith(nameof(KRegression))]
    public double? R2 { get; init; }

    /// <summary>With <c>--mods</c>: the log-likelihood (REML or ML, as fitted).</summary>
    [JsonPropertyName("loglik")]
    [JsonPropertyOrder(20)]
    [JsonPresentWith(nameof(KRegression))]
    public double? Loglik { get; init; }

    /// <summary>With <c>--mods</c>: AIC.</summary>
    [JsonPropertyName("aic")]
    [JsonPropertyOrder(21)]
    [JsonPresentWith(nameof(KRegression))]
    public double? Aic { get; init; }

    /// <summary>With <c>--mods</c>: BIC.</summary>
    [JsonPropertyName("bic")]
    [JsonPropertyOrder(22)]
    [JsonPresentWith(nameof(KRegression))]
    public double? Bic { get; init; }

    /// <summary>With <c>--mods</c>: the meta-regression's coefficients; absent otherwise.</summary>
    [JsonPropertyName("coefficients")]
    [JsonPropertyOrder(23)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<CoefficientDocument>? Coefficients { get; init; }

    /// <summary>With <c>--mods</c> and <c>--newmods</c>: the predictions; absent otherwise.</summary>
    [JsonPropertyName("predictions")]
    [JsonPropertyOrder(24)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<PredictionDocument>? Predictions { get; init; }

    /// <summary>With <c>--split-shared-control</c>: each comparison whose control group was divided; absent when none was.</summary>
    [JsonPropertyName("shared_control_splits")]
    [JsonPropertyOrder(25)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<SharedControlSplitDocument>? SharedControlSplits { get; init; }

    /// <summary>With <c>evident bias</c>: the small-study and publication-bias analyses; absent otherwise.</summary>
    [JsonPropertyName("bias")]
    [JsonPropertyOrder(26)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public BiasDocument? Bias { get; init; }

    /// <summary>With <c>evident sensitivity</c>: the sensitivity analyses; absent otherwise.</summary>
    [JsonPropertyName("sensitivity")]
    [JsonPropertyOrder(27)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SensitivityDocument? Sensitivity { get; init; }

    /// <summary>Every input row of the outcome, in input order (empty when the writer leaves them out).</summary>
    [JsonPropertyName("studies")]
    [JsonPropertyOrder(28)]
    public IReadOnlyList<StudyDocument> Studies { get; init => field = value ?? []; } = [];

    /// <summary>The document of <paramref name="outcome"/>.</summary>
    public static OutcomeDocument From(OutcomeReport outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var regression = outcome.Regression;
        var test = regression?.Fit.ModeratorTest;
        var fit = regression?.Fit;
        return new OutcomeDocument(outcome)
        {
            Key = outcome.Key is { } key ? DocumentValues.Pairs(key.Columns, key.Values) : null,
            Outcome = outcome.Outcome,
            Measure = outcome.Measure.ToString(),
            Rows = outcome.Rows,
            RowsUsed = outcome.RowsUsed,
            KWithEstimate = outcome.Tables?.KWithEstimate,
            Tests = outcome.Tables is { } tables ? TableTestsDocument.From(tables, outcome.TablesUncorrected) : null,
            Subgroups = outcome.Subgroups is { } subgroups ? [.. subgroups.Groups.Select(SubgroupDocument.From)] : null,
            SubgroupTest = outcome.Subgroups is { } s ? SubgroupTestDocument.From(s) : null,
            Mods = fit?.Design.Formula?.ToString(),
            KRegression = fit?.K,
            Qm = DocumentValues.Finite(test?.Statistic),
            QmDf = test?.Df,
            QmDf2 = test?.Df2,
            QmP = DocumentValues.Finite(test?.PValue),
            QmCoefficients = test is null ? null : string.Join(",", test.Coefficients.Select(c => c.ToString(CultureInfo.InvariantCulture))),
            Qe = DocumentValues.Finite(fit?.QE),
            QeDf = fit?.QEDf,
            QeP = DocumentValues.Finite(fit?.QEPValue),
            Tau2Residual = DocumentValues.Finite(fit?.Tau2),
            Tau2ResidualSe = DocumentValues.Finite(fit?.Tau2StandardError),
            I2Residual = DocumentValues.Finite(fit?.I2),
            H2Residual = DocumentValues.Finite(fit?.H2),
            R2 = DocumentValues.Finite(fit?.R2),
            Loglik = DocumentValues.Finite(fit?.FitStatistics.LogLikelihood),
            Aic = DocumentValues.Finite(fit?.FitStatistics.Aic),
            Bic = DocumentValues.Finite(fit?.FitStatistics.Bic),
            Coefficients = fit is null ? null : [.. fit.Coefficients.Select(CoefficientDocument.From)],
            Predictions = regression?.Predictions is { } predictions ? [.. predictions.Predictions.Select(p => PredictionDocument.From(p, regression, outcome.BackTransform))] : null,
            SharedControlSplits = outcome.SharedControlSplits.Count > 0 ? [.. outcome.SharedControlSplits.Select(SharedControlSplitDocument.From)] : null,
            Bias = outcome.Bias is { } bias ? BiasDocument.From(bias) : null,
            Sensitivity = outcome.Sensitivity is { } sensitivity ? SensitivityDocument.From(sensitivity) : null,
            Studies = [.. outcome.Studies.Select(StudyDocument.From)],
        };
    }
}
