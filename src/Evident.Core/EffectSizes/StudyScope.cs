using System.Globalization;

namespace Evident.Core.EffectSizes;

/// <summary>
/// Collects what happens to one study on its way to an effect size: problems (issues with the study index and the
/// escalc field at fault) and every change made to the user's numbers (adjustments, also emitted as info issues).
/// </summary>
internal sealed class StudyScope
{
    private readonly List<Issue> _issues;
    private readonly List<string> _adjustments = [];

    public StudyScope(int index, StudyInput input, List<Issue> issues)
    {
        Index = index;
        Input = input;
        _issues = issues;
    }

    public int Index { get; }

    public StudyInput Input { get; }

    /// <summary>The study cannot be computed at all (bad or missing input); yi and vi will be null.</summary>
    public bool Failed { get; private set; }

    /// <summary>An error issue was reported for this study (perhaps only for vi).</summary>
    public bool HasError { get; private set; }

    public IReadOnlyList<string> Adjustments => _adjustments;

    /// <summary>The value, or null with a <c>missing-value</c> error when absent or NaN.</summary>
    public double? Need(double? value, string field)
    {
        if (value is { } v && !double.IsNaN(v))
        {
            return v;
        }

        Fail(IssueCodes.MissingValue, field, $"{field} is missing");
        return null;
    }

    /// <summary>The value, or null without complaint when absent or NaN.</summary>
    public static double? Optional(double? value) => value is { } v && !double.IsNaN(v) ? v : null;

    /// <summary>Reports an error that makes the whole study unusable.</summary>
    public void Fail(string code, string field, string message)
    {
        Failed = true;
        Error(code, field, message);
    }

    /// <summary>Reports an error without marking the estimate itself as failed (e.g. only vi is undefined).</summary>
    public void Error(string code, string? field, string message)
    {
        HasError = true;
        _issues.Add(new Issue(code, IssueSeverity.Error, message, Index, field));
    }

    public void Warn(string code, string? field, string message) =>
        _issues.Add(new Issue(code, IssueSeverity.Warning, message, Index, field));

    /// <summary>Records a change made to the user's numbers: an adjustment sentence and an info issue.</summary>
    public void Note(string code, string? field, string sentence)
    {
        _adjustments.Add(sentence);
        _issues.Add(new Issue(code, IssueSeverity.Info, sentence, Index, field));
    }

    /// <summary>Checks a count is not negative.</summary>
    public void CheckCount(double? value, string field)
    {
        if (value is < 0)
        {
            Fail(IssueCodes.InvalidCount, field, Inv($"{field} must not be negative (got {value})"));
        }
    }

    /// <summary>Checks a sample size is at least <paramref name="minimum"/>.</summary>
    public void CheckSize(double? value, string field, double minimum = 1)
    {
        if (value is { } v && v < minimum)
        {
            Fail(IssueCodes.SampleSizeTooSmall, field, Inv($"{field} must be at least {minimum} for this measure (got {v})"));
        }
    }

    /// <summary>Checks an SD is not negative (or, when <paramref name="strict"/>, positive).</summary>
    public void CheckSd(double? value, string field, bool strict = false)
    {
        if (value is { } v && (v < 0 || (strict && v == 0)))
        {
            Fail(IssueCodes.NonPositiveSd, field, Inv($"{field} must be {(strict ? "> 0" : ">= 0")} (got {v})"));
        }
    }

    /// <summary>Checks a correlation lies in [-1, 1].</summary>
    public void CheckCorrelation(double? value, string field)
    {
        if (value is { } v && Math.Abs(v) > 1)
        {
            Fail(IssueCodes.OutOfRange, field, Inv($"{field} must lie in [-1, 1] (got {v})"));
        }
    }

    /// <summary>
    /// Builds the study's effect. A non-finite yi or vi becomes null with an <c>effect-undefined</c> error (unless an
    /// error was already reported); a finite vi ≤ 0 is kept, as metafor keeps it, with a <c>nonpositive-variance</c>
    /// warning (the study cannot be weighted).
    /// </summary>
    public StudyEffect Finish(double yi, double vi, string field, double? n1 = null, double? n2 = null, double? n = null)
    {
        double? y = null;
        double? v = null;
        if (!Failed)
        {
            y = double.IsFinite(yi) ? yi : null;
            v = double.IsFinite(vi) ? vi : null;
            if ((y is null || v is null) && !HasError)
            {
                Error(IssueCodes.EffectUndefined, field, "the effect size or its variance is not defined for these data (e.g. log of zero)");
            }

            if (y is not null && v is { } vv && vv <= 0)
            {
                Warn(IssueCodes.NonPositiveVariance, "vi", Inv($"the computed sampling variance is {vv}; the study cannot be weighted"));
            }
        }

        return new StudyEffect
        {
            Index = Index,
            Study = Input.Study,
            Yi = y,
            Vi = v,
            N1i = n1,
            N2i = n2,
            Ni = n ?? (n1 is { } a && n2 is { } b ? a + b : null),
            Adjustments = [.. _adjustments],
        };
    }

    /// <summary>Formats in the invariant culture (Core never depends on the current culture).</summary>
    public static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
