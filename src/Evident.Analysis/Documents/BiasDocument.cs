using System.Globalization;
using System.Text.Json.Serialization;
using Evident.Core.Bias;

namespace Evident.Analysis.Documents;

/// <summary>
/// An outcome's <c>bias</c> object (<c>evident bias</c>): one section per analysis, the same for every outcome, and the
/// guidance notes. In CSV and Markdown each section's scalar fields are columns named <c>section_field</c>.
/// </summary>
public sealed record BiasDocument
{
    /// <summary>The regression test for funnel-plot asymmetry (Egger's, or another predictor's) with its limit estimate.</summary>
    [JsonPropertyName("regression_test")]
    public RegressionTestDocument RegressionTest { get; init => field = value ?? new(); } = new();

    /// <summary>Begg and Mazumdar's rank correlation test.</summary>
    [JsonPropertyName("rank_correlation")]
    public RankCorrelationDocument RankCorrelation { get; init => field = value ?? new(); } = new();

    /// <summary>Trim and fill.</summary>
    [JsonPropertyName("trim_and_fill")]
    public TrimAndFillDocument TrimAndFill { get; init => field = value ?? new(); } = new();

    /// <summary>The fail-safe Ns.</summary>
    [JsonPropertyName("fail_safe_n")]
    public FailSafeNDocument FailSafeN { get; init => field = value ?? new(); } = new();

    /// <summary>The test of excess significance.</summary>
    [JsonPropertyName("excess_significance")]
    public ExcessSignificanceDocument ExcessSignificance { get; init => field = value ?? new(); } = new();

    /// <summary>The step-function selection model.</summary>
    [JsonPropertyName("selection_model")]
    public SelectionModelDocument SelectionModel { get; init => field = value ?? new(); } = new();

    /// <summary>Henmi and Copas's confidence interval.</summary>
    [JsonPropertyName("henmi_copas")]
    public HenmiCopasDocument HenmiCopas { get; init => field = value ?? new(); } = new();

    /// <summary>The notes a reader needs to weigh the results, one per code.</summary>
    [JsonPropertyName("guidance")]
    public IReadOnlyList<NoteDocument> Guidance { get; init => field = value ?? []; } = [];

    /// <summary>The document of <paramref name="bias"/>.</summary>
    public static BiasDocument From(BiasReport bias)
    {
        ArgumentNullException.ThrowIfNull(bias);
        var (egger, begg, taf, selection, henmi, excess) = (bias.Egger, bias.Begg, bias.TrimAndFill, bias.Selection, bias.HenmiCopas, bias.ExcessSignificance);
        return new BiasDocument
        {
            RegressionTest = new RegressionTestDocument
            {
                Model = egger.Model.ToString().ToLowerInvariant(),
                Predictor = Core.Bias.RegressionTest.PredictorName(egger.Predictor),
                K = egger.K,
                Statistic = DocumentValues.Finite(egger.Statistic),
                Df = DocumentValues.Finite(egger.Df),
                P = DocumentValues.Finite(egger.PValue),
                Slope = DocumentValues.Finite(egger.Slope?.Estimate),
                LimitEstimate = DocumentValues.Finite(egger.LimitEstimate),
                LimitSe = DocumentValues.Finite(egger.LimitStandardError),
                LimitCi = Bounds.Of(egger.LimitConfidenceInterval),
            },
            RankCorrelation = new RankCorrelationDocument
            {
                K = begg.K,
                Tau = DocumentValues.Finite(begg.Tau),
                Score = DocumentValues.Finite(begg.Score),
                P = DocumentValues.Finite(begg.PValue),
                Exact = begg.Exact,
            },
            TrimAndFill = new TrimAndFillDocument
            {
                Estimator = taf.Estimator.ToString(),
                K0 = taf.K0,
                K0Se = DocumentValues.Finite(taf.K0StandardError),
                K0P = DocumentValues.Finite(taf.K0PValue),
                Side = taf.Side?.ToString().ToLowerInvariant(),
                SideEstimated = taf.SideEstimated,
                Estimate = DocumentValues.Finite(taf.Fit?.Estimate),
                Ci = Bounds.Of(taf.Fit?.ConfidenceInterval),
                P = DocumentValues.Finite(taf.Fit?.PValue),
                Tau2 = DocumentValues.Finite(taf.Fit?.Tau2),
                Filled = [.. taf.Filled.Select(f => new FilledStudyDocument { MirrorsRow = bias.Rows[f.Source], Yi = DocumentValues.Finite(f.Yi), Vi = DocumentValues.Finite(f.Vi) })],
            },
            FailSafeN = new FailSafeNDocument
            {
                Rosenthal = bias.Rosenthal.N,
                RosenthalP = DocumentValues.Finite(bias.Rosenthal.PValue),
                Orwin = bias.Orwin.N,
                OrwinTarget = DocumentValues.Finite(bias.Orwin.Target),
                Rosenberg = bias.Rosenberg.N,
                RosenbergP = DocumentValues.Finite(bias.Rosenberg.PValue),
            },
            ExcessSignificance = new ExcessSignificanceDocument
            {
                Observed = excess.Observed,
                Expected = DocumentValues.Finite(excess.Expected),
                Ratio = DocumentValues.Finite(excess.Ratio),
                Test = excess.Test?.ToString().ToLowerInvariant(),
                Statistic = DocumentValues.Finite(excess.ChiSquare),
                P = DocumentValues.Finite(excess.PValue),
                Theta = DocumentValues.Finite(excess.Theta),
            },
            SelectionModel = new SelectionModelDocument
            {
                Steps = string.Join(";", selection.Steps.Select(s => s.ToString("R", CultureInfo.InvariantCulture))),
                Alternative = bias.SelectionAlternative == TestAlternative.TwoSided ? "two-sided" : bias.SelectionAlternative.ToString().ToLowerInvariant(),
                Estimate = DocumentValues.Finite(selection.Estimate),
                Se = DocumentValues.Finite(selection.StandardError),
                Ci = Bounds.Of(selection.ConfidenceInterval),
                P = DocumentValues.Finite(selection.PValue),
                Tau2 = DocumentValues.Finite(selection.Tau2),
                Lrt = DocumentValues.Finite(selection.Lrt),
                LrtDf = selection.LrtDf,
                LrtP = DocumentValues.Finite(selection.LrtPValue),
                Converged = selection.Converged,
                Weights = [.. selection.Weights.Select(w => new SelectionWeightDocument
                {
                    PLower = DocumentValues.Finite(w.Lower),
                    PUpper = DocumentValues.Finite(w.Upper),
                    K = w.K,
                    Delta = DocumentValues.Finite(w.Delta),
                    Se = DocumentValues.Finite(w.StandardError),
                    P = DocumentValues.Finite(w.PValue),
                    Ci = Bounds.Of(w.ConfidenceInterval),
                })],
            },
            HenmiCopas = new HenmiCopasDocument
            {
                Estimate = DocumentValues.Finite(henmi.Estimate),
                Se = DocumentValues.Finite(henmi.StandardError),
                Ci = Bounds.Of(henmi.ConfidenceInterval),
                Tau2 = DocumentValues.Finite(henmi.Tau2),
            },
            Guidance = [.. bias.Guidance.Select(n => new NoteDocument { Code = n.Code, Message = n.Message })],
        };
    }
}

/// <summary>The <c>regression_test</c> section.</summary>
public sealed record RegressionTestDocument
{
    /// <summary>The model: <c>rma</c> (a meta-regression, metafor's default) or <c>lm</c> (the classic weighted regression).</summary>
    [JsonPropertyName("model")]
    public string? Model { get; init; }

    /// <summary>The predictor (<c>sei</c>: Egger; <c>ninv</c>: Peters; …).</summary>
    [JsonPropertyName("predictor")]
    public string? Predictor { get; init; }

    /// <summary>Studies.</summary>
    [JsonPropertyName("k")]
    public int? K { get; init; }

    /// <summary>The test statistic of the predictor.</summary>
    [JsonPropertyName("statistic")]
    public double? Statistic { get; init; }

    /// <summary>Its degrees of freedom (t tests); null for z.</summary>
    [JsonPropertyName("df")]
    public double? Df { get; init; }

    /// <summary>The p-value.</summary>
    [JsonPropertyName("p")]
    public double? P { get; init; }

    /// <summary>The predictor's coefficient.</summary>
    [JsonPropertyName("slope")]
    public double? Slope { get; init; }

    /// <summary>The limit estimate (the effect as the predictor goes to 0).</summary>
    [JsonPropertyName("limit_estimate")]
    public double? LimitEstimate { get; init; }

    /// <summary>Its standard error.</summary>
    [JsonPropertyName("limit_se")]
    public double? LimitSe { get; init; }

    /// <summary>Its confidence interval.</summary>
    [JsonPropertyName("limit_ci")]
    public Bounds? LimitCi { get; init; }
}

/// <summary>The <c>rank_correlation</c> section.</summary>
public sealed record RankCorrelationDocument
{
    /// <summary>Studies.</summary>
    [JsonPropertyName("k")]
    public int? K { get; init; }

    /// <summary>Kendall's τ.</summary>
    [JsonPropertyName("tau")]
    public double? Tau { get; init; }

    /// <summary>Kendall's score.</summary>
    [JsonPropertyName("score")]
    public double? Score { get; init; }

    /// <summary>The p-value.</summary>
    [JsonPropertyName("p")]
    public double? P { get; init; }

    /// <summary>Whether the p-value is exact (else the normal approximation).</summary>
    [JsonPropertyName("exact")]
    public bool? Exact { get; init; }
}

/// <summary>The <c>trim_and_fill</c> section.</summary>
public sealed record TrimAndFillDocument
{
    /// <summary>The estimator of the number of missing studies (<c>L0</c>, <c>R0</c>, <c>Q0</c>).</summary>
    [JsonPropertyName("estimator")]
    public string? Estimator { get; init; }

    /// <summary>The estimated number of missing studies.</summary>
    [JsonPropertyName("k0")]
    public int? K0 { get; init; }

    /// <summary>Its standard error.</summary>
    [JsonPropertyName("k0_se")]
    public double? K0Se { get; init; }

    /// <summary>The p-value of k0 (R0).</summary>
    [JsonPropertyName("k0_p")]
    public double? K0P { get; init; }

    /// <summary>The side studies are missing from (<c>left</c>, <c>right</c>).</summary>
    [JsonPropertyName("side")]
    public string? Side { get; init; }

    /// <summary>Whether the side was estimated.</summary>
    [JsonPropertyName("side_estimated")]
    public bool? SideEstimated { get; init; }

    /// <summary>The estimate with the filled studies.</summary>
    [JsonPropertyName("estimate")]
    public double? Estimate { get; init; }

    /// <summary>Its confidence interval.</summary>
    [JsonPropertyName("ci")]
    public Bounds? Ci { get; init; }

    /// <summary>Its p-value.</summary>
    [JsonPropertyName("p")]
    public double? P { get; init; }

    /// <summary>τ² with the filled studies.</summary>
    [JsonPropertyName("tau2")]
    public double? Tau2 { get; init; }

    /// <summary>The filled studies.</summary>
    [JsonPropertyName("filled")]
    public IReadOnlyList<FilledStudyDocument> Filled { get; init => field = value ?? []; } = [];
}

/// <summary>A study trim and fill added: the mirror image of a study.</summary>
public sealed record FilledStudyDocument
{
    /// <summary>The file line of the study it mirrors.</summary>
    [JsonPropertyName("mirrors_row")]
    public int? MirrorsRow { get; init; }

    /// <summary>Its effect size.</summary>
    [JsonPropertyName("yi")]
    public double? Yi { get; init; }

    /// <summary>Its sampling variance.</summary>
    [JsonPropertyName("vi")]
    public double? Vi { get; init; }
}

/// <summary>The <c>fail_safe_n</c> section.</summary>
public sealed record FailSafeNDocument
{
    /// <summary>Rosenthal's fail-safe N.</summary>
    [JsonPropertyName("rosenthal")]
    public int? Rosenthal { get; init; }

    /// <summary>Its p-value.</summary>
    [JsonPropertyName("rosenthal_p")]
    public double? RosenthalP { get; init; }

    /// <summary>Orwin's fail-safe N.</summary>
    [JsonPropertyName("orwin")]
    public int? Orwin { get; init; }

    /// <summary>Orwin's target effect.</summary>
    [JsonPropertyName("orwin_target")]
    public double? OrwinTarget { get; init; }

    /// <summary>Rosenberg's fail-safe N.</summary>
    [JsonPropertyName("rosenberg")]
    public int? Rosenberg { get; init; }

    /// <summary>Its p-value.</summary>
    [JsonPropertyName("rosenberg_p")]
    public double? RosenbergP { get; init; }
}

/// <summary>The <c>excess_significance</c> section.</summary>
public sealed record ExcessSignificanceDocument
{
    /// <summary>Significant studies observed.</summary>
    [JsonPropertyName("observed")]
    public int? Observed { get; init; }

    /// <summary>Significant studies expected.</summary>
    [JsonPropertyName("expected")]
    public double? Expected { get; init; }

    /// <summary>Observed over expected.</summary>
    [JsonPropertyName("ratio")]
    public double? Ratio { get; init; }

    /// <summary>The test used (<c>binomial</c>, <c>chisq</c>).</summary>
    [JsonPropertyName("test")]
    public string? Test { get; init; }

    /// <summary>The χ² statistic.</summary>
    [JsonPropertyName("statistic")]
    public double? Statistic { get; init; }

    /// <summary>The p-value.</summary>
    [JsonPropertyName("p")]
    public double? P { get; init; }

    /// <summary>The effect the power is computed at.</summary>
    [JsonPropertyName("theta")]
    public double? Theta { get; init; }
}

/// <summary>The <c>selection_model</c> section.</summary>
public sealed record SelectionModelDocument
{
    /// <summary>The p-value cut points, <c>;</c>-separated.</summary>
    [JsonPropertyName("steps")]
    public string? Steps { get; init; }

    /// <summary>The direction the one-sided p-values favour (<c>greater</c>, <c>less</c>, <c>two-sided</c>).</summary>
    [JsonPropertyName("alternative")]
    public string? Alternative { get; init; }

    /// <summary>The adjusted estimate.</summary>
    [JsonPropertyName("estimate")]
    public double? Estimate { get; init; }

    /// <summary>Its standard error.</summary>
    [JsonPropertyName("se")]
    public double? Se { get; init; }

    /// <summary>Its confidence interval.</summary>
    [JsonPropertyName("ci")]
    public Bounds? Ci { get; init; }

    /// <summary>Its p-value.</summary>
    [JsonPropertyName("p")]
    public double? P { get; init; }

    /// <summary>τ² of the selection model.</summary>
    [JsonPropertyName("tau2")]
    public double? Tau2 { get; init; }

    /// <summary>The likelihood-ratio test of selection.</summary>
    [JsonPropertyName("lrt")]
    public double? Lrt { get; init; }

    /// <summary>Its degrees of freedom.</summary>
    [JsonPropertyName("lrt_df")]
    public int? LrtDf { get; init; }

    /// <summary>Its p-value.</summary>
    [JsonPropertyName("lrt_p")]
    public double? LrtP { get; init; }

    /// <summary>Whether the fit converged.</summary>
    [JsonPropertyName("converged")]
    public bool? Converged { get; init; }

    /// <summary>The weight of each p-value interval.</summary>
    [JsonPropertyName("weights")]
    public IReadOnlyList<SelectionWeightDocument> Weights { get; init => field = value ?? []; } = [];
}

/// <summary>The selection model's weight of one p-value interval.</summary>
public sealed record SelectionWeightDocument
{
    /// <summary>The interval's lower p-value.</summary>
    [JsonPropertyName("p_lower")]
    public double? PLower { get; init; }

    /// <summary>Its upper p-value.</summary>
    [JsonPropertyName("p_upper")]
    public double? PUpper { get; init; }

    /// <summary>Studies in the interval.</summary>
    [JsonPropertyName("k")]
    public int? K { get; init; }

    /// <summary>The relative likelihood of selection.</summary>
    [JsonPropertyName("delta")]
    public double? Delta { get; init; }

    /// <summary>Its standard error.</summary>
    [JsonPropertyName("se")]
    public double? Se { get; init; }

    /// <summary>Its p-value.</summary>
    [JsonPropertyName("p")]
    public double? P { get; init; }

    /// <summary>Its confidence interval.</summary>
    [JsonPropertyName("ci")]
    public Bounds? Ci { get; init; }
}

/// <summary>The <c>henmi_copas</c> section.</summary>
public sealed record HenmiCopasDocument
{
    /// <summary>The estimate (the common-effect estimate).</summary>
    [JsonPropertyName("estimate")]
    public double? Estimate { get; init; }

    /// <summary>Its standard error.</summary>
    [JsonPropertyName("se")]
    public double? Se { get; init; }

    /// <summary>Henmi and Copas's confidence interval.</summary>
    [JsonPropertyName("ci")]
    public Bounds? Ci { get; init; }

    /// <summary>τ² (DerSimonian-Laird).</summary>
    [JsonPropertyName("tau2")]
    public double? Tau2 { get; init; }
}

/// <summary>A note with its stable code.</summary>
public sealed record NoteDocument
{
    /// <summary>Stable kebab-case code.</summary>
    [JsonPropertyName("code")]
    public string? Code { get; init; }

    /// <summary>A sentence for people.</summary>
    [JsonPropertyName("message")]
    public string? Message { get; init; }
}
