using System.Text.Json.Serialization;
using Evident.Core.EffectSizes;
using Evident.Core.Models;

namespace Evident.Analysis.Documents;

/// <summary>
/// The fields of one pooled fit, as an outcome and each of its subgroups have them, on the analysis scale and
/// back-transformed (<c>_bt</c>) for measures that have a back-transformation. All null for a subgroup with no fit.
/// </summary>
public abstract record FitDocument
{
    /// <summary>For deserialization.</summary>
    private protected FitDocument()
    {
    }

    /// <summary>The fields of <paramref name="fit"/> (all null when there is none).</summary>
    /// <param name="fit">The fit, or null.</param>
    /// <param name="methodName">The method as the outputs name it (MH, PETO), or null for the fit's τ² method.</param>
    /// <param name="backTransform">The measure's back-transformation, or null.</param>
    /// <param name="nTotal">The pooled studies' total N, when known for all.</param>
    private protected FitDocument(MetaAnalysisResult? fit, string? methodName, BackTransform? backTransform, double? nTotal)
    {
        if (fit is null)
        {
            return;
        }

        var pi = fit.PredictionInterval;
        double? Bt(double? x) => x is { } v && backTransform is { } bt ? DocumentValues.Finite(bt.Apply(v)) : null;
        Method = methodName ?? fit.Method.ToString().ToUpperInvariant();
        Test = fit.Test.ToString().ToUpperInvariant();
        K = fit.K;
        NTotal = DocumentValues.Finite(nTotal);
        Estimate = DocumentValues.Finite(fit.Estimate);
        Se = DocumentValues.Finite(fit.StandardError);
        Statistic = DocumentValues.Finite(fit.Statistic);
        Df = DocumentValues.Finite(fit.Df);
        P = DocumentValues.Finite(fit.PValue);
        CiLower = DocumentValues.Finite(fit.ConfidenceInterval.Lower);
        CiUpper = DocumentValues.Finite(fit.ConfidenceInterval.Upper);
        Tau2 = DocumentValues.Finite(fit.Tau2);
        Tau2Se = DocumentValues.Finite(fit.Tau2StandardError);
        Tau2Ci = Bounds.Of(fit.Tau2ConfidenceInterval);
        Tau = DocumentValues.Finite(fit.Tau);
        I2 = DocumentValues.Finite(fit.I2);
        I2Ci = Bounds.Of(fit.I2ConfidenceInterval);
        H2 = DocumentValues.Finite(fit.H2);
        H2Ci = Bounds.Of(fit.H2ConfidenceInterval);
        Q = DocumentValues.Finite(fit.Q);
        QDf = fit.QDf;
        QP = DocumentValues.Finite(fit.QPValue);
        PiLower = DocumentValues.Finite(pi?.Lower);
        PiUpper = DocumentValues.Finite(pi?.Upper);
        PiDf = DocumentValues.Finite(fit.PredictionDf);
        Level = DocumentValues.Finite(fit.Level);
        Iterations = fit.Iterations;
        Converged = fit.Converged;
        BackTransform = backTransform?.Name;
        EstimateBt = Bt(fit.Estimate);
        CiLowerBt = Bt(fit.ConfidenceInterval.Lower);
        CiUpperBt = Bt(fit.ConfidenceInterval.Upper);
        PiLowerBt = Bt(pi?.Lower);
        PiUpperBt = Bt(pi?.Upper);
    }

    /// <summary>The pooling method (MH, PETO, or the τ² estimator: REML, DL, EE, …).</summary>
    [JsonPropertyName("method")]
    public string? Method { get; init; }

    /// <summary>The test of the estimate (<c>Z</c>, <c>T</c>, <c>KNHA</c>, …).</summary>
    [JsonPropertyName("test")]
    public string? Test { get; init; }

    /// <summary>Studies pooled.</summary>
    [JsonPropertyName("k")]
    public int? K { get; init; }

    /// <summary>An outcome's data rows read (null for an outcome not read from rows; a subgroup does not have it).</summary>
    [JsonPropertyName("rows")]
    public virtual int? Rows { get; init; }

    /// <summary>Of <see cref="Rows"/>, those whose effect size entered the analysis.</summary>
    [JsonPropertyName("rows_used")]
    public virtual int? RowsUsed { get; init; }

    /// <summary>Total N of the pooled studies, or null when not known for all.</summary>
    [JsonPropertyName("n_total")]
    public double? NTotal { get; init; }

    /// <summary>The pooled estimate on the analysis scale.</summary>
    [JsonPropertyName("estimate")]
    public double? Estimate { get; init; }

    /// <summary>Its standard error.</summary>
    [JsonPropertyName("se")]
    public double? Se { get; init; }

    /// <summary>The test statistic (z or t).</summary>
    [JsonPropertyName("statistic")]
    public double? Statistic { get; init; }

    /// <summary>The t test's degrees of freedom; null for z.</summary>
    [JsonPropertyName("df")]
    public double? Df { get; init; }

    /// <summary>The two-sided p-value of the estimate.</summary>
    [JsonPropertyName("p")]
    public double? P { get; init; }

    /// <summary>Confidence interval, lower bound.</summary>
    [JsonPropertyName("ci_lower")]
    public double? CiLower { get; init; }

    /// <summary>Confidence interval, upper bound.</summary>
    [JsonPropertyName("ci_upper")]
    public double? CiUpper { get; init; }

    /// <summary>The between-study variance τ².</summary>
    [JsonPropertyName("tau2")]
    public double? Tau2 { get; init; }

    /// <summary>τ²'s standard error.</summary>
    [JsonPropertyName("tau2_se")]
    public double? Tau2Se { get; init; }

    /// <summary>τ²'s confidence interval.</summary>
    [JsonPropertyName("tau2_ci")]
    public Bounds? Tau2Ci { get; init; }

    /// <summary>τ.</summary>
    [JsonPropertyName("tau")]
    public double? Tau { get; init; }

    /// <summary>I², percent.</summary>
    [JsonPropertyName("i2")]
    public double? I2 { get; init; }

    /// <summary>I²'s confidence interval.</summary>
    [JsonPropertyName("i2_ci")]
    public Bounds? I2Ci { get; init; }

    /// <summary>In a report's JSON only: the Cochrane Handbook bands I² lies in (one or two).</summary>
    [JsonPropertyName("i2_bands")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? I2Bands { get; init; }

    /// <summary>In a report's JSON only: the sentence the report prints about I².</summary>
    [JsonPropertyName("i2_interpretation")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? I2Interpretation { get; init; }

    /// <summary>H².</summary>
    [JsonPropertyName("h2")]
    public double? H2 { get; init; }

    /// <summary>H²'s confidence interval.</summary>
    [JsonPropertyName("h2_ci")]
    public Bounds? H2Ci { get; init; }

    /// <summary>Cochran's Q.</summary>
    [JsonPropertyName("q")]
    public double? Q { get; init; }

    /// <summary>Q's degrees of freedom.</summary>
    [JsonPropertyName("q_df")]
    public int? QDf { get; init; }

    /// <summary>Q's p-value.</summary>
    [JsonPropertyName("q_p")]
    public double? QP { get; init; }

    /// <summary>Prediction interval, lower bound.</summary>
    [JsonPropertyName("pi_lower")]
    public double? PiLower { get; init; }

    /// <summary>Prediction interval, upper bound.</summary>
    [JsonPropertyName("pi_upper")]
    public double? PiUpper { get; init; }

    /// <summary>The prediction interval's t degrees of freedom; null for a normal one.</summary>
    [JsonPropertyName("pi_df")]
    public double? PiDf { get; init; }

    /// <summary>Confidence level, percent.</summary>
    [JsonPropertyName("level")]
    public double? Level { get; init; }

    /// <summary>Iterations of the τ² estimator (0 for closed forms).</summary>
    [JsonPropertyName("iterations")]
    public int? Iterations { get; init; }

    /// <summary>Whether the τ² estimator converged.</summary>
    [JsonPropertyName("converged")]
    public bool? Converged { get; init; }

    /// <summary>The back-transformation (<c>exp</c>, …), or null.</summary>
    [JsonPropertyName("back_transform")]
    public string? BackTransform { get; init; }

    /// <summary>The estimate back-transformed.</summary>
    [JsonPropertyName("estimate_bt")]
    public double? EstimateBt { get; init; }

    /// <summary>The CI's lower bound back-transformed.</summary>
    [JsonPropertyName("ci_lower_bt")]
    public double? CiLowerBt { get; init; }

    /// <summary>The CI's upper bound back-transformed.</summary>
    [JsonPropertyName("ci_upper_bt")]
    public double? CiUpperBt { get; init; }

    /// <summary>The prediction interval's lower bound back-transformed.</summary>
    [JsonPropertyName("pi_lower_bt")]
    public double? PiLowerBt { get; init; }

    /// <summary>The prediction interval's upper bound back-transformed.</summary>
    [JsonPropertyName("pi_upper_bt")]
    public double? PiUpperBt { get; init; }
}

/// <summary>One subgroup of an outcome (<c>--subgroup</c>): its label, then the fields of its fit.</summary>
public sealed record SubgroupDocument : FitDocument
{
    /// <summary>For deserialization.</summary>
    public SubgroupDocument()
    {
    }

    private SubgroupDocument(SubgroupReport subgroup)
        : base(subgroup.Fit, subgroup.MethodName, subgroup.BackTransform, subgroup.NTotal) => Subgroup = subgroup.Label;

    /// <summary>Not part of a subgroup (the outcome counts its rows).</summary>
    [JsonIgnore]
    public override int? Rows { get; init; }

    /// <summary>Not part of a subgroup.</summary>
    [JsonIgnore]
    public override int? RowsUsed { get; init; }

    /// <summary>The subgroup label.</summary>
    [JsonPropertyName("subgroup")]
    [JsonPropertyOrder(-1)]
    public string? Subgroup { get; init; }

    /// <summary>The document of <paramref name="subgroup"/>.</summary>
    public static SubgroupDocument From(SubgroupReport subgroup)
    {
        ArgumentNullException.ThrowIfNull(subgroup);
        return new SubgroupDocument(subgroup);
    }
}

/// <summary>An outcome's <c>subgroup_test</c>: the test for subgroup differences and the within-subgroups Q.</summary>
public sealed record SubgroupTestDocument
{
    /// <summary>Q between subgroups, or null when it cannot be computed.</summary>
    [JsonPropertyName("q")]
    public double? Q { get; init; }

    /// <summary>Its degrees of freedom.</summary>
    [JsonPropertyName("q_df")]
    public int? QDf { get; init; }

    /// <summary>Its p-value.</summary>
    [JsonPropertyName("q_p")]
    public double? QP { get; init; }

    /// <summary>Σ of the subgroups' Q.</summary>
    [JsonPropertyName("q_within")]
    public double? QWithin { get; init; }

    /// <summary>Its degrees of freedom.</summary>
    [JsonPropertyName("q_within_df")]
    public int? QWithinDf { get; init; }

    /// <summary>Its p-value.</summary>
    [JsonPropertyName("q_within_p")]
    public double? QWithinP { get; init; }

    /// <summary>The τ² every subgroup was pooled with (<c>--tau2-common</c>), or null.</summary>
    [JsonPropertyName("tau2_common")]
    public double? Tau2Common { get; init; }

    /// <summary>The document of <paramref name="subgroups"/>' test.</summary>
    public static SubgroupTestDocument From(SubgroupsReport subgroups)
    {
        ArgumentNullException.ThrowIfNull(subgroups);
        return new SubgroupTestDocument
        {
            Q = DocumentValues.Finite(subgroups.Test?.Q),
            QDf = subgroups.Test?.Df,
            QP = DocumentValues.Finite(subgroups.Test?.PValue),
            QWithin = DocumentValues.Finite(subgroups.QWithin),
            QWithinDf = subgroups.QWithinDf,
            QWithinP = DocumentValues.Finite(subgroups.QWithinP),
            Tau2Common = DocumentValues.Finite(subgroups.CommonTau2),
        };
    }
}
