using System.Text.Json.Serialization;
using Evident.Core.EffectSizes;
using Evident.Core.Models;
using Evident.Core.Models.Regression;

namespace Evident.Analysis.Documents;

/// <summary>One input row of an outcome (an element of <c>studies</c>): its effect size and per-study statistics, or nulls if skipped.</summary>
public sealed record StudyDocument
{
    /// <summary>Study label.</summary>
    [JsonPropertyName("study")]
    public string? Study { get; init; }

    /// <summary>Line of the input file where the record starts.</summary>
    [JsonPropertyName("row")]
    public int? Row { get; init; }

    /// <summary>Effect size on the analysis scale.</summary>
    [JsonPropertyName("yi")]
    public double? Yi { get; init; }

    /// <summary>Sampling variance.</summary>
    [JsonPropertyName("vi")]
    public double? Vi { get; init; }

    /// <summary>Standard error.</summary>
    [JsonPropertyName("sei")]
    public double? Sei { get; init; }

    /// <summary>Confidence interval, lower bound.</summary>
    [JsonPropertyName("ci_lower")]
    public double? CiLower { get; init; }

    /// <summary>Confidence interval, upper bound.</summary>
    [JsonPropertyName("ci_upper")]
    public double? CiUpper { get; init; }

    /// <summary>Wald z.</summary>
    [JsonPropertyName("z")]
    public double? Z { get; init; }

    /// <summary>Two-sided p-value.</summary>
    [JsonPropertyName("p")]
    public double? P { get; init; }

    /// <summary>Weight in the pooled model, percent.</summary>
    [JsonPropertyName("weight_percent")]
    public double? WeightPercent { get; init; }

    /// <summary>Group 1 size.</summary>
    [JsonPropertyName("n1i")]
    public double? N1i { get; init; }

    /// <summary>Group 2 size.</summary>
    [JsonPropertyName("n2i")]
    public double? N2i { get; init; }

    /// <summary>Total size.</summary>
    [JsonPropertyName("ni")]
    public double? Ni { get; init; }

    /// <summary>Back-transformed effect size.</summary>
    [JsonPropertyName("yi_bt")]
    public double? YiBt { get; init; }

    /// <summary>Back-transformed CI lower bound.</summary>
    [JsonPropertyName("ci_lower_bt")]
    public double? CiLowerBt { get; init; }

    /// <summary>Back-transformed CI upper bound.</summary>
    [JsonPropertyName("ci_upper_bt")]
    public double? CiUpperBt { get; init; }

    /// <summary>Conversions applied to this study's numbers.</summary>
    [JsonPropertyName("adjustments")]
    public IReadOnlyList<string> Adjustments { get; init => field = value ?? []; } = [];

    /// <summary>The document of <paramref name="study"/>.</summary>
    public static StudyDocument From(StudyRow study)
    {
        ArgumentNullException.ThrowIfNull(study);
        return new StudyDocument
        {
            Study = study.Study,
            Row = study.Row,
            Yi = DocumentValues.Finite(study.Yi),
            Vi = DocumentValues.Finite(study.Vi),
            Sei = DocumentValues.Finite(study.Sei),
            CiLower = DocumentValues.Finite(study.CiLower),
            CiUpper = DocumentValues.Finite(study.CiUpper),
            Z = DocumentValues.Finite(study.Z),
            P = DocumentValues.Finite(study.P),
            WeightPercent = DocumentValues.Finite(study.WeightPercent),
            N1i = DocumentValues.Finite(study.N1i),
            N2i = DocumentValues.Finite(study.N2i),
            Ni = DocumentValues.Finite(study.Ni),
            YiBt = DocumentValues.Finite(study.YiBt),
            CiLowerBt = DocumentValues.Finite(study.CiLowerBt),
            CiUpperBt = DocumentValues.Finite(study.CiUpperBt),
            Adjustments = study.Adjustments,
        };
    }
}

/// <summary>A χ² test of the Mantel-Haenszel or Peto method, or null in its place when it cannot be computed.</summary>
public sealed record ChiSquareDocument
{
    /// <summary>The statistic.</summary>
    [JsonPropertyName("statistic")]
    public double? Statistic { get; init; }

    /// <summary>Degrees of freedom.</summary>
    [JsonPropertyName("df")]
    public int? Df { get; init; }

    /// <summary>p-value.</summary>
    [JsonPropertyName("p")]
    public double? P { get; init; }

    /// <summary>The document of <paramref name="test"/>; null for none.</summary>
    public static ChiSquareDocument? From(ChiSquareTest? test) => test is { } t
        ? new ChiSquareDocument { Statistic = DocumentValues.Finite(t.Statistic), Df = t.Df, P = DocumentValues.Finite(t.PValue) }
        : null;
}

/// <summary>An outcome's <c>tests</c> (<c>--method MH</c>/<c>PETO</c>): the tests of association and heterogeneity, each null when it does not apply.</summary>
public sealed record TableTestsDocument
{
    /// <summary>Cochran-Mantel-Haenszel test (continuity-corrected, metafor's default).</summary>
    [JsonPropertyName("cmh")]
    public ChiSquareDocument? Cmh { get; init; }

    /// <summary>The same without continuity correction.</summary>
    [JsonPropertyName("cmh_uncorrected")]
    public ChiSquareDocument? CmhUncorrected { get; init; }

    /// <summary>Cochran's test (IRR).</summary>
    [JsonPropertyName("cochran")]
    public ChiSquareDocument? Cochran { get; init; }

    /// <summary>The same without continuity correction.</summary>
    [JsonPropertyName("cochran_uncorrected")]
    public ChiSquareDocument? CochranUncorrected { get; init; }

    /// <summary>Tarone's test for heterogeneity.</summary>
    [JsonPropertyName("tarone")]
    public ChiSquareDocument? Tarone { get; init; }

    /// <summary>The Breslow-Day test for heterogeneity.</summary>
    [JsonPropertyName("breslow_day")]
    public ChiSquareDocument? BreslowDay { get; init; }

    /// <summary>The tests of <paramref name="tables"/> (and of <paramref name="uncorrected"/>, its fit without continuity correction).</summary>
    public static TableTestsDocument From(TableFitResult tables, TableFitResult? uncorrected)
    {
        ArgumentNullException.ThrowIfNull(tables);
        return new TableTestsDocument
        {
            Cmh = ChiSquareDocument.From(tables.CochranMantelHaenszel),
            CmhUncorrected = ChiSquareDocument.From(uncorrected?.CochranMantelHaenszel),
            Cochran = ChiSquareDocument.From(tables.Cochran),
            CochranUncorrected = ChiSquareDocument.From(uncorrected?.Cochran),
            Tarone = ChiSquareDocument.From(tables.Tarone),
            BreslowDay = ChiSquareDocument.From(tables.BreslowDay),
        };
    }
}

/// <summary>One coefficient of a meta-regression.</summary>
public sealed record CoefficientDocument
{
    /// <summary>Its name as metafor prints it (<c>intrcpt</c>, <c>ablat</c>, <c>factor(g)b</c>).</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>The estimate.</summary>
    [JsonPropertyName("estimate")]
    public double? Estimate { get; init; }

    /// <summary>Its standard error.</summary>
    [JsonPropertyName("se")]
    public double? Se { get; init; }

    /// <summary>The test statistic (z or t).</summary>
    [JsonPropertyName("statistic")]
    public double? Statistic { get; init; }

    /// <summary>The p-value.</summary>
    [JsonPropertyName("p")]
    public double? P { get; init; }

    /// <summary>Confidence interval, lower bound.</summary>
    [JsonPropertyName("ci_lower")]
    public double? CiLower { get; init; }

    /// <summary>Confidence interval, upper bound.</summary>
    [JsonPropertyName("ci_upper")]
    public double? CiUpper { get; init; }

    /// <summary>The document of <paramref name="c"/>.</summary>
    public static CoefficientDocument From(RegressionCoefficient c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new CoefficientDocument
        {
            Name = c.Name,
            Estimate = DocumentValues.Finite(c.Estimate),
            Se = DocumentValues.Finite(c.StandardError),
            Statistic = DocumentValues.Finite(c.Statistic),
            P = DocumentValues.Finite(c.PValue),
            CiLower = DocumentValues.Finite(c.ConfidenceInterval.Lower),
            CiUpper = DocumentValues.Finite(c.ConfidenceInterval.Upper),
        };
    }
}

/// <summary>A meta-regression's prediction at one <c>--newmods</c> row.</summary>
public sealed record PredictionDocument
{
    /// <summary>The row's moderator values as given (<c>{"ablat": "20"}</c>).</summary>
    [JsonPropertyName("newmods")]
    [JsonConverter(typeof(TextPairsConverter))]
    public IReadOnlyList<KeyValuePair<string, string>> NewMods { get; init => field = value ?? []; } = [];

    /// <summary>The predicted effect.</summary>
    [JsonPropertyName("estimate")]
    public double? Estimate { get; init; }

    /// <summary>Its standard error.</summary>
    [JsonPropertyName("se")]
    public double? Se { get; init; }

    /// <summary>Confidence interval, lower bound.</summary>
    [JsonPropertyName("ci_lower")]
    public double? CiLower { get; init; }

    /// <summary>Confidence interval, upper bound.</summary>
    [JsonPropertyName("ci_upper")]
    public double? CiUpper { get; init; }

    /// <summary>Prediction interval, lower bound.</summary>
    [JsonPropertyName("pi_lower")]
    public double? PiLower { get; init; }

    /// <summary>Prediction interval, upper bound.</summary>
    [JsonPropertyName("pi_upper")]
    public double? PiUpper { get; init; }

    /// <summary>The predicted effect back-transformed, or null.</summary>
    [JsonPropertyName("estimate_bt")]
    public double? EstimateBt { get; init; }

    /// <summary>The CI's lower bound back-transformed, or null.</summary>
    [JsonPropertyName("ci_lower_bt")]
    public double? CiLowerBt { get; init; }

    /// <summary>The CI's upper bound back-transformed, or null.</summary>
    [JsonPropertyName("ci_upper_bt")]
    public double? CiUpperBt { get; init; }

    /// <summary>The document of prediction <paramref name="p"/> of <paramref name="regression"/>.</summary>
    public static PredictionDocument From(RegressionPrediction p, RegressionReport regression, BackTransform? backTransform)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(regression);
        return new PredictionDocument
        {
            NewMods = [.. regression.NewRows[p.Row].Select(m => KeyValuePair.Create(m.Name, m.Value))],
            Estimate = DocumentValues.Finite(p.Estimate),
            Se = DocumentValues.Finite(p.StandardError),
            CiLower = DocumentValues.Finite(p.ConfidenceInterval.Lower),
            CiUpper = DocumentValues.Finite(p.ConfidenceInterval.Upper),
            PiLower = DocumentValues.Finite(p.PredictionInterval.Lower),
            PiUpper = DocumentValues.Finite(p.PredictionInterval.Upper),
            EstimateBt = DocumentValues.Finite(backTransform?.Apply(p.Estimate)),
            CiLowerBt = DocumentValues.Finite(backTransform?.Apply(p.ConfidenceInterval.Lower)),
            CiUpperBt = DocumentValues.Finite(backTransform?.Apply(p.ConfidenceInterval.Upper)),
        };
    }
}

/// <summary>A comparison whose control group, shared with other comparisons, was divided among them (<c>--split-shared-control</c>).</summary>
public sealed record SharedControlSplitDocument
{
    /// <summary>The comparison's file line.</summary>
    [JsonPropertyName("row")]
    public int? Row { get; init; }

    /// <summary>Its study.</summary>
    [JsonPropertyName("study")]
    public string? Study { get; init; }

    /// <summary>How many comparisons share the control group.</summary>
    [JsonPropertyName("comparisons")]
    public int? Comparisons { get; init; }

    /// <summary>The control group's size before.</summary>
    [JsonPropertyName("original_n")]
    public double? OriginalN { get; init; }

    /// <summary>Its size after.</summary>
    [JsonPropertyName("new_n")]
    public double? NewN { get; init; }

    /// <summary>Its events before (binary data), or null.</summary>
    [JsonPropertyName("original_events")]
    public double? OriginalEvents { get; init; }

    /// <summary>Its events after, or null.</summary>
    [JsonPropertyName("new_events")]
    public double? NewEvents { get; init; }

    /// <summary>The document of <paramref name="c"/>.</summary>
    public static SharedControlSplitDocument From(SharedControlChange c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new SharedControlSplitDocument
        {
            Row = c.Row,
            Study = c.Study,
            Comparisons = c.Comparisons,
            OriginalN = DocumentValues.Finite(c.OriginalN),
            NewN = DocumentValues.Finite(c.NewN),
            OriginalEvents = DocumentValues.Finite(c.OriginalEvents),
            NewEvents = DocumentValues.Finite(c.NewEvents),
        };
    }
}
