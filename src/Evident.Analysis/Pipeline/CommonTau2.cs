using Evident.Core;
using Evident.Core.EffectSizes;
using Evident.Core.Models;
using Evident.Core.Models.Regression;

namespace Evident.Analysis;

/// <summary>The τ² subgroups share with <c>--tau2-common</c>.</summary>
internal static class CommonTau2
{
    /// <summary>
    /// The residual τ² of the mixed-effects model with the subgroup as a factor (metafor's
    /// <c>rma(yi, vi, mods = ~ factor(subgroup))</c>, the same estimator), fitted to the usable studies that have a subgroup
    /// label; its issues are passed to <paramref name="report"/> with the studies' indices. Null when no such study exists.
    /// </summary>
    public static double? Of(IReadOnlyList<StudyEffect> studies, IReadOnlyList<string?> labels, FitOptions options, Action<IEnumerable<Issue>> report)
    {
        var used = Enumerable.Range(0, studies.Count).Where(i => studies[i].IsUsable && !string.IsNullOrWhiteSpace(labels[i])).ToList();
        if (used.Count == 0)
        {
            return null;
        }

        var fit = MetaRegression.FitGroups(
            [.. used.Select(i => studies[i].Yi!.Value)], [.. used.Select(i => studies[i].Vi!.Value)], [.. used.Select(i => labels[i])], options);
        report(fit.Issues.Select(issue => issue.StudyIndex is { } j ? issue with { StudyIndex = studies[used[j]].Index } : issue));
        return fit.Tau2;
    }
}
