using System.Globalization;

namespace Evident.Core.Bias;

/// <summary>Checks shared by the small-study-effect and publication-bias methods: bad data become issues, not exceptions.</summary>
internal static class BiasInput
{
    /// <summary>The number of studies below which the Cochrane Handbook advises against funnel-plot asymmetry tests.</summary>
    public const int RecommendedMinimumStudies = 10;

    /// <summary>
    /// Checks <paramref name="yi"/> and <paramref name="vi"/>: each yᵢ finite (<c>missing-value</c>), each vᵢ a positive
    /// finite number (<c>nonpositive-variance</c>), and at least <paramref name="minimumK"/> studies (<c>too-few-studies</c>).
    /// Returns the errors found; an empty list means the data can be used.
    /// </summary>
    /// <exception cref="ArgumentException">The spans differ in length (a programmer error).</exception>
    public static List<Issue> Check(ReadOnlySpan<double> yi, ReadOnlySpan<double> vi, int minimumK, string method)
    {
        if (yi.Length != vi.Length)
        {
            throw new ArgumentException("yi and vi must have the same length.", nameof(vi));
        }

        var issues = new List<Issue>();
        for (var i = 0; i < yi.Length; i++)
        {
            if (!double.IsFinite(yi[i]))
            {
                issues.Add(new Issue(IssueCodes.MissingValue, IssueSeverity.Error,
                    string.Create(CultureInfo.InvariantCulture, $"Study {i}: the effect size is missing or not finite; {method} was not computed."), i, "yi"));
            }

            if (!(double.IsFinite(vi[i]) && vi[i] > 0))
            {
                issues.Add(new Issue(IssueCodes.NonPositiveVariance, IssueSeverity.Error,
                    string.Create(CultureInfo.InvariantCulture, $"Study {i}: the sampling variance must be a positive finite number (it is {vi[i]}); {method} was not computed."), i, "vi"));
            }
        }

        if (yi.Length < minimumK)
        {
            issues.Add(TooFew(yi.Length, minimumK, method));
        }

        return issues;
    }

    /// <summary>A <c>too-few-studies</c> error.</summary>
    public static Issue TooFew(int k, int minimumK, string method) =>
        new(IssueCodes.TooFewStudies, IssueSeverity.Error, string.Create(CultureInfo.InvariantCulture,
            $"{method} needs at least {minimumK} studies; there {(k == 1 ? "is" : "are")} {k}. It was not computed."));

    /// <summary>
    /// The Cochrane Handbook's guidance (§13.3.5.4) as an info issue when k &lt; 10, else null: "tests for funnel plot
    /// asymmetry should be used only when there are at least 10 studies included in the meta-analysis, because when there
    /// are fewer studies the power of the tests is too low to distinguish chance from real asymmetry".
    /// </summary>
    public static Issue? FewStudies(int k, string method) => k >= RecommendedMinimumStudies ? null
        : new Issue(IssueCodes.FewStudiesForAsymmetry, IssueSeverity.Info, string.Create(CultureInfo.InvariantCulture,
            $"{method} with {k} studies: tests for funnel plot asymmetry should be used only when there are at least 10 studies, because with fewer the power of the tests is too low to distinguish chance from real asymmetry (Cochrane Handbook §13.3.5.4)."));

    /// <summary>Whether every value is the same.</summary>
    public static bool AllEqual(ReadOnlySpan<double> values)
    {
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] != values[0])
            {
                return false;
            }
        }

        return true;
    }
}
