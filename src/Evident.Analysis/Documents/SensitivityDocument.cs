using System.Text.Json.Serialization;

namespace Evident.Analysis.Documents;

/// <summary>An outcome's <c>sensitivity</c> object (<c>evident sensitivity</c>): the cumulative order, one flat row per study, and GOSH's summary.</summary>
public sealed record SensitivityDocument
{
    /// <summary>How the cumulative analysis was ordered (<c>input</c>, <c>precision</c>, <c>effect</c> or a column name).</summary>
    [JsonPropertyName("cumulative_order")]
    public string? CumulativeOrder { get; init; }

    /// <summary>The number of studies metafor's rule flags as influential.</summary>
    [JsonPropertyName("influential")]
    public int? Influential { get; init; }

    /// <summary>One row per study (also the rows of the CSV and Markdown tables).</summary>
    [JsonPropertyName("studies")]
    public IReadOnlyList<SensitivityStudyDocument> Studies { get; init => field = value ?? []; } = [];

    /// <summary>With <c>--gosh</c>: GOSH summarised; absent otherwise.</summary>
    [JsonPropertyName("gosh")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public GoshDocument? Gosh { get; init; }

    /// <summary>The document of <paramref name="sensitivity"/>.</summary>
    public static SensitivityDocument From(SensitivityReport sensitivity)
    {
        ArgumentNullException.ThrowIfNull(sensitivity);
        return new SensitivityDocument
        {
            CumulativeOrder = sensitivity.Order,
            Influential = sensitivity.InfluentialCount,
            Studies = [.. Enumerable.Range(0, sensitivity.Studies.Count).Select(i => SensitivityStudyDocument.From(sensitivity, i))],
            Gosh = sensitivity.SummarizeGosh() is { } g ? GoshDocument.From(g) : null,
        };
    }
}

/// <summary>
/// The sensitivity results of one study as a flat row: the fit without it, its influence diagnostics and Baujat
/// coordinates, and the cumulative fit at the step it was added.
/// </summary>
public sealed record SensitivityStudyDocument
{
    /// <summary>The study's file line.</summary>
    [JsonPropertyName("row")]
    public int? Row { get; init; }

    /// <summary>Its label.</summary>
    [JsonPropertyName("study")]
    public string? Study { get; init; }

    /// <summary>Leave-one-out: the estimate without the study.</summary>
    [JsonPropertyName("loo_estimate")]
    public double? LooEstimate { get; init; }

    /// <summary>Leave-one-out: its standard error.</summary>
    [JsonPropertyName("loo_se")]
    public double? LooSe { get; init; }

    /// <summary>Leave-one-out: its confidence interval.</summary>
    [JsonPropertyName("loo_ci")]
    public Bounds? LooCi { get; init; }

    /// <summary>Leave-one-out: its p-value.</summary>
    [JsonPropertyName("loo_p")]
    public double? LooP { get; init; }

    /// <summary>Leave-one-out: Q.</summary>
    [JsonPropertyName("loo_q")]
    public double? LooQ { get; init; }

    /// <summary>Leave-one-out: Q's p-value.</summary>
    [JsonPropertyName("loo_q_p")]
    public double? LooQP { get; init; }

    /// <summary>Leave-one-out: τ².</summary>
    [JsonPropertyName("loo_tau2")]
    public double? LooTau2 { get; init; }

    /// <summary>Leave-one-out: I², percent.</summary>
    [JsonPropertyName("loo_i2")]
    public double? LooI2 { get; init; }

    /// <summary>Leave-one-out: H².</summary>
    [JsonPropertyName("loo_h2")]
    public double? LooH2 { get; init; }

    /// <summary>Leave-one-out: the prediction interval.</summary>
    [JsonPropertyName("loo_pi")]
    public Bounds? LooPi { get; init; }

    /// <summary>Standardized residual.</summary>
    [JsonPropertyName("rstandard")]
    public double? Rstandard { get; init; }

    /// <summary>Studentized deleted residual.</summary>
    [JsonPropertyName("rstudent")]
    public double? Rstudent { get; init; }

    /// <summary>DFFITS.</summary>
    [JsonPropertyName("dffits")]
    public double? Dffits { get; init; }

    /// <summary>Cook's distance.</summary>
    [JsonPropertyName("cooks_distance")]
    public double? CooksDistance { get; init; }

    /// <summary>Covariance ratio.</summary>
    [JsonPropertyName("cov_ratio")]
    public double? CovRatio { get; init; }

    /// <summary>τ² without the study.</summary>
    [JsonPropertyName("tau2_deleted")]
    public double? Tau2Deleted { get; init; }

    /// <summary>Q without the study.</summary>
    [JsonPropertyName("q_deleted")]
    public double? QDeleted { get; init; }

    /// <summary>Hat value (leverage).</summary>
    [JsonPropertyName("hat")]
    public double? Hat { get; init; }

    /// <summary>Weight, percent.</summary>
    [JsonPropertyName("weight")]
    public double? Weight { get; init; }

    /// <summary>DFBETAS of the estimate.</summary>
    [JsonPropertyName("dfbetas")]
    public double? Dfbetas { get; init; }

    /// <summary>Whether metafor's rule flags the study as influential.</summary>
    [JsonPropertyName("influential")]
    public bool? Influential { get; init; }

    /// <summary>Baujat's x: the study's contribution to Q.</summary>
    [JsonPropertyName("baujat_x")]
    public double? BaujatX { get; init; }

    /// <summary>Baujat's y: its influence on the estimate.</summary>
    [JsonPropertyName("baujat_y")]
    public double? BaujatY { get; init; }

    /// <summary>The cumulative step (1-based) at which the study was added, or null.</summary>
    [JsonPropertyName("cumulative_step")]
    public int? CumulativeStep { get; init; }

    /// <summary>The cumulative estimate at that step.</summary>
    [JsonPropertyName("cumulative_estimate")]
    public double? CumulativeEstimate { get; init; }

    /// <summary>Its confidence interval.</summary>
    [JsonPropertyName("cumulative_ci")]
    public Bounds? CumulativeCi { get; init; }

    /// <summary>Its p-value.</summary>
    [JsonPropertyName("cumulative_p")]
    public double? CumulativeP { get; init; }

    /// <summary>τ² at that step.</summary>
    [JsonPropertyName("cumulative_tau2")]
    public double? CumulativeTau2 { get; init; }

    /// <summary>I² at that step, percent.</summary>
    [JsonPropertyName("cumulative_i2")]
    public double? CumulativeI2 { get; init; }

    /// <summary>The row of study <paramref name="i"/> of <paramref name="s"/>.</summary>
    public static SensitivityStudyDocument From(SensitivityReport s, int i)
    {
        ArgumentNullException.ThrowIfNull(s);
        var loo = i < s.LeaveOneOut.Rows.Count ? s.LeaveOneOut.Rows[i] : null;
        var inf = i < s.Influence.Rows.Count ? s.Influence.Rows[i] : null;
        var step = s.CumulativeStep(i);
        var cum = step >= 0 && step < s.Cumulative.Rows.Count ? s.Cumulative.Rows[step] : null;
        return new SensitivityStudyDocument
        {
            Row = s.Studies[i].Row,
            Study = s.Studies[i].Study,
            LooEstimate = DocumentValues.Finite(loo?.Estimate),
            LooSe = DocumentValues.Finite(loo?.StandardError),
            LooCi = Bounds.Of(loo?.ConfidenceInterval),
            LooP = DocumentValues.Finite(loo?.PValue),
            LooQ = DocumentValues.Finite(loo?.Q),
            LooQP = DocumentValues.Finite(loo?.QPValue),
            LooTau2 = DocumentValues.Finite(loo?.Tau2),
            LooI2 = DocumentValues.Finite(loo?.I2),
            LooH2 = DocumentValues.Finite(loo?.H2),
            LooPi = Bounds.Of(loo?.PredictionInterval),
            Rstandard = DocumentValues.Finite(inf?.Standardized.Z),
            Rstudent = DocumentValues.Finite(inf?.Studentized?.Z),
            Dffits = DocumentValues.Finite(inf?.Dffits),
            CooksDistance = DocumentValues.Finite(inf?.CooksDistance),
            CovRatio = DocumentValues.Finite(inf?.CovarianceRatio),
            Tau2Deleted = DocumentValues.Finite(inf?.Tau2Deleted),
            QDeleted = DocumentValues.Finite(inf?.QDeleted),
            Hat = DocumentValues.Finite(inf?.Hat),
            Weight = DocumentValues.Finite(inf?.WeightPercent),
            Dfbetas = inf is { Dfbetas.Count: > 0 } r ? DocumentValues.Finite(r.Dfbetas[0]) : null,
            Influential = inf?.IsInfluential ?? false,
            BaujatX = i < s.Baujat.X.Count ? DocumentValues.Finite(s.Baujat.X[i]) : null,
            BaujatY = i < s.Baujat.Y.Count ? DocumentValues.Finite(s.Baujat.Y[i]) : null,
            CumulativeStep = step >= 0 ? step + 1 : null,
            CumulativeEstimate = DocumentValues.Finite(cum?.Estimate),
            CumulativeCi = Bounds.Of(cum?.ConfidenceInterval),
            CumulativeP = DocumentValues.Finite(cum?.PValue),
            CumulativeTau2 = DocumentValues.Finite(cum?.Tau2),
            CumulativeI2 = DocumentValues.Finite(cum?.I2),
        };
    }
}

/// <summary>GOSH summarised: subsets fitted, whether sampled, and the quartiles of the estimate and I².</summary>
public sealed record GoshDocument
{
    /// <summary>Subsets fitted.</summary>
    [JsonPropertyName("subsets")]
    public int? Subsets { get; init; }

    /// <summary>Whether the subsets were a random sample (else all of them).</summary>
    [JsonPropertyName("sampled")]
    public bool? Sampled { get; init; }

    /// <summary>The smallest estimate.</summary>
    [JsonPropertyName("estimate_min")]
    public double? EstimateMin { get; init; }

    /// <summary>The estimates' first quartile.</summary>
    [JsonPropertyName("estimate_q1")]
    public double? EstimateQ1 { get; init; }

    /// <summary>Their median.</summary>
    [JsonPropertyName("estimate_median")]
    public double? EstimateMedian { get; init; }

    /// <summary>Their third quartile.</summary>
    [JsonPropertyName("estimate_q3")]
    public double? EstimateQ3 { get; init; }

    /// <summary>The largest estimate.</summary>
    [JsonPropertyName("estimate_max")]
    public double? EstimateMax { get; init; }

    /// <summary>The smallest I².</summary>
    [JsonPropertyName("i2_min")]
    public double? I2Min { get; init; }

    /// <summary>The median I².</summary>
    [JsonPropertyName("i2_median")]
    public double? I2Median { get; init; }

    /// <summary>The largest I².</summary>
    [JsonPropertyName("i2_max")]
    public double? I2Max { get; init; }

    /// <summary>The document of <paramref name="g"/>.</summary>
    public static GoshDocument From(GoshSummary g)
    {
        ArgumentNullException.ThrowIfNull(g);
        return new GoshDocument
        {
            Subsets = g.Subsets,
            Sampled = g.Sampled,
            EstimateMin = DocumentValues.Finite(g.EstimateMin),
            EstimateQ1 = DocumentValues.Finite(g.EstimateQ1),
            EstimateMedian = DocumentValues.Finite(g.EstimateMedian),
            EstimateQ3 = DocumentValues.Finite(g.EstimateQ3),
            EstimateMax = DocumentValues.Finite(g.EstimateMax),
            I2Min = DocumentValues.Finite(g.I2Min),
            I2Median = DocumentValues.Finite(g.I2Median),
            I2Max = DocumentValues.Finite(g.I2Max),
        };
    }
}
