using System.Globalization;
using Evident.Core.Models;

namespace Evident.Core.Sensitivity;

/// <summary>Checks shared by the sensitivity analyses.</summary>
internal static class Studies
{
    /// <summary>
    /// Copies the data if every yᵢ is finite and every vᵢ a positive finite number; otherwise adds one error per bad study
    /// (<c>missing-value</c> for yᵢ, <c>nonpositive-variance</c> for vᵢ) and returns null.
    /// </summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static (double[] Y, double[] V)? Validate(ReadOnlySpan<double> yi, ReadOnlySpan<double> vi, List<Issue> issues)
    {
        if (yi.Length != vi.Length)
        {
            throw new ArgumentException("yi and vi must have the same length.", nameof(vi));
        }

        var ok = yi.Length > 0;
        if (!ok)
        {
            issues.Add(new Issue(IssueCodes.NoUsableStudies, IssueSeverity.Error, "There are no studies."));
        }

        for (var i = 0; i < yi.Length; i++)
        {
            if (!double.IsFinite(yi[i]))
            {
                ok = false;
                issues.Add(new Issue(IssueCodes.MissingValue, IssueSeverity.Error, string.Create(CultureInfo.InvariantCulture,
                    $"Study {i + 1} has no finite effect size; nothing was computed."), i, "yi"));
            }

            if (!(double.IsFinite(vi[i]) && vi[i] > 0))
            {
                ok = false;
                issues.Add(new Issue(IssueCodes.NonPositiveVariance, IssueSeverity.Error, string.Create(CultureInfo.InvariantCulture,
                    $"Study {i + 1} has a sampling variance that is not a positive finite number; nothing was computed."), i, "vi"));
            }
        }

        return ok ? (yi.ToArray(), vi.ToArray()) : null;
    }

    /// <summary>The option checks of <see cref="MetaAnalysis.Fit"/>, plus: Q around another centre is not supported.</summary>
    public static void CheckOptions(FitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.QCentre is not null)
        {
            throw new ArgumentException("Sensitivity analyses take Q around each fit's own estimate; QCentre must be null.", nameof(options));
        }

        if (!(options.Level > 0 && options.Level < 100))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Level must be between 0 and 100 (percent).");
        }

        if (options.Tau2 is { } tau2 && !(double.IsFinite(tau2) && tau2 >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Tau2 must be a finite number ≥ 0 (or null to estimate it).");
        }
    }
}
