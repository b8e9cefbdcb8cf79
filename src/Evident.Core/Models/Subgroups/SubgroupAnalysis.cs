using Evident.Core.EffectSizes;
using Evident.Core.Numerics;

namespace Evident.Core.Models.Subgroups;

/// <summary>
/// Entry point for subgroup analyses as RevMan and R's meta compute them: a separate pooled fit per subgroup, the overall
/// fit, and the test for subgroup differences on the subgroup estimates.
/// </summary>
public static class SubgroupAnalysis
{
    /// <summary>
    /// Subgroup analysis of effect sizes <paramref name="yi"/> with sampling variances <paramref name="vi"/>;
    /// <paramref name="subgroup"/>[i] is the label of study i (null or blank: no subgroup).
    /// </summary>
    /// <remarks>See <see cref="Fit(IReadOnlyList{StudyEffect}, IReadOnlyList{string}, FitOptions, SubgroupOptions)"/>.</remarks>
    /// <exception cref="ArgumentException">The lengths differ, or a yᵢ is not finite or a vᵢ not a positive finite number (as <see cref="MetaAnalysis.Fit"/>).</exception>
    public static SubgroupAnalysisResult Fit(
        ReadOnlySpan<double> yi, ReadOnlySpan<double> vi, IReadOnlyList<string?> subgroup, FitOptions? options = null, SubgroupOptions? subgroupOptions = null)
    {
        if (yi.Length != vi.Length)
        {
            throw new ArgumentException("yi and vi must have the same length.", nameof(vi));
        }

        var studies = new StudyEffect[yi.Length];
        for (var i = 0; i < yi.Length; i++)
        {
            studies[i] = new StudyEffect { Index = i, Yi = yi[i], Vi = vi[i] };
            if (!studies[i].IsUsable)
            {
                throw new ArgumentException(FormattableString.Invariant($"Study {i}: yi must be finite and vi a positive finite number."), nameof(vi));
            }
        }

        return Fit(studies, subgroup, options, subgroupOptions);
    }

    /// <summary>
    /// Subgroup analysis of the effect sizes of one analysis (<see cref="EffectSizeSet.Studies"/>: unusable studies are
    /// left out of every fit); <paramref name="subgroup"/>[i] is the label of <paramref name="studies"/>[i] (null or blank:
    /// no subgroup, with a <c>subgroup-missing</c> warning).
    /// </summary>
    /// <remarks>
    /// <para>
    /// Subgroups are the distinct labels, compared exactly (ordinal, case-sensitive, no trimming: a front end that wants
    /// "Adults" and "adults " to be one subgroup normalises the labels first), in order of first appearance in the input,
    /// whether or not that first study is usable. Each is pooled with <paramref name="options"/> on its usable studies; with
    /// <see cref="SubgroupOptions.CommonTau2"/> every subgroup uses that τ² (fixed, as metafor's <c>tau2 =</c>). A subgroup
    /// with one usable study is fitted as k = 1 (<c>subgroup-single-study</c>), one with none has no fit
    /// (<c>subgroup-no-usable-studies</c>). The overall fit is <see cref="MetaAnalysis.Fit"/> on every usable study with
    /// <paramref name="options"/>.
    /// </para>
    /// <para>
    /// Test for subgroup differences (Borenstein et al. 2009, ch. 19, "Q-test based on analysis of variance"; Cochrane
    /// Handbook §10.11.3.1; as RevMan and meta's <c>Q.b</c>): with the G subgroups that have a fit, μ̂_g and SE_g their
    /// estimates and standard errors (Knapp-Hartung-rescaled under knha), w_g = 1/SE_g², μ̄ = Σ w_g μ̂_g / Σ w_g,
    /// Q = Σ w_g (μ̂_g − μ̄)² against χ²(G − 1); this is the Q of a common-effect model on the subgroup estimates. With a
    /// common τ² and the z test it equals the omnibus Q_M of the mixed-effects model <c>~ factor(subgroup)</c>, whose
    /// weights 1/(vᵢ + τ²) separate by subgroup. Not computed (null, <c>subgroup-test-not-computed</c>) with G &lt; 2 or a
    /// subgroup SE of 0.
    /// </para>
    /// <para>
    /// Q within = Σ_g Q_g with Σ (k_g − 1) df (meta's <c>Q.w</c>). For a common-effect model with every study in a subgroup,
    /// Q_total = Q_within + Q_between (the analysis-of-variance partition of Cochran's Q; Hedges &amp; Olkin 1985, ch. 7).
    /// </para>
    /// </remarks>
    /// <exception cref="ArgumentException">The lists differ in length, or the common τ² is negative or not finite.</exception>
    public static SubgroupAnalysisResult Fit(
        IReadOnlyList<StudyEffect> studies, IReadOnlyList<string?> subgroup, FitOptions? options = null, SubgroupOptions? subgroupOptions = null)
    {
        ArgumentNullException.ThrowIfNull(studies);
        ArgumentNullException.ThrowIfNull(subgroup);
        options ??= FitOptions.Default;
        subgroupOptions ??= SubgroupOptions.Default;
        if (studies.Count != subgroup.Count)
        {
            throw new ArgumentException("One subgroup label per study is needed.", nameof(subgroup));
        }

        var isCommon = options.Method is Tau2Method.EE or Tau2Method.FE;
        var commonTau2 = isCommon ? null : subgroupOptions.CommonTau2;
        if (commonTau2 is { } t && !(double.IsFinite(t) && t >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(subgroupOptions), "CommonTau2 must be a finite number ≥ 0 (or null).");
        }

        var issues = new List<Issue>();

        // Subgroups in order of first appearance.
        var order = new List<string>();
        var members = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < studies.Count; i++)
        {
            var label = subgroup[i];
            if (string.IsNullOrWhiteSpace(label))
            {
                issues.Add(new Issue(IssueCodes.SubgroupMissing, IssueSeverity.Warning,
                    "This study has no subgroup label: it is in the overall fit but in no subgroup.", i));
                continue;
            }

            if (!members.TryGetValue(label, out var list))
            {
                members[label] = list = [];
                order.Add(label);
            }

            list.Add(i);
        }

        var subgroupFitOptions = commonTau2 is { } common ? options with { Tau2 = common } : options;
        // With a separate τ² a random-effects subgroup of one study has τ² = 0 by necessity, so its SE is only its
        // sampling SE and it weighs more in the test than random-effects weighting would give it: worth a warning.
        // Under EE/FE or with a given τ² the k = 1 fit is exactly what the model says: info.
        var singleSeverity = isCommon || subgroupFitOptions.Tau2 is not null ? IssueSeverity.Info : IssueSeverity.Warning;
        var fits = new List<SubgroupFit>(order.Count);
        double qWithin = 0;
        var qWithinDf = 0;
        foreach (var label in order)
        {
            var all = members[label];
            var pooled = all.Where(i => studies[i].IsUsable).ToList();
            MetaAnalysisResult? fit = null;
            if (pooled.Count == 0)
            {
                issues.Add(new Issue(IssueCodes.SubgroupNoUsableStudies, IssueSeverity.Warning,
                    FormattableString.Invariant($"No study of subgroup '{label}' can be used ({all.Count} stud{(all.Count == 1 ? "y" : "ies")}); it has no fit and is left out of the test for subgroup differences.")));
            }
            else
            {
                fit = FitStudies(studies, pooled, subgroupFitOptions);
                qWithin += fit.Q;
                qWithinDf += fit.QDf;
                if (pooled.Count == 1)
                {
                    issues.Add(new Issue(IssueCodes.SubgroupSingleStudy, singleSeverity,
                        singleSeverity == IssueSeverity.Warning
                            ? FormattableString.Invariant($"Subgroup '{label}' has one study: its τ² is 0, so it is pooled with its sampling variance only and weighs more in the test for subgroup differences than under random-effects weighting.")
                            : FormattableString.Invariant($"Subgroup '{label}' has one study; its result is that study's."),
                        pooled[0]));
                }
            }

            fits.Add(new SubgroupFit { Subgroup = label, StudyIndices = all, PooledStudyIndices = pooled, Fit = fit });
        }

        var usable = Enumerable.Range(0, studies.Count).Where(i => studies[i].IsUsable).ToList();
        MetaAnalysisResult? overall = null;
        if (usable.Count > 0)
        {
            overall = FitStudies(studies, usable, options);
        }
        else
        {
            issues.Add(new Issue(IssueCodes.NoUsableStudies, IssueSeverity.Error, "No study can be used; nothing was pooled."));
        }

        return new SubgroupAnalysisResult
        {
            Subgroups = fits,
            Overall = overall,
            Test = DifferenceTest(fits, issues),
            QWithin = qWithin,
            QWithinDf = qWithinDf,
            QWithinPValue = qWithinDf > 0 ? Probability.ChiSquareUpperTail(qWithin, qWithinDf) : 1,
            CommonTau2 = commonTau2,
            Issues = issues,
        };
    }

    private static MetaAnalysisResult FitStudies(IReadOnlyList<StudyEffect> studies, List<int> indices, FitOptions options)
    {
        var yi = new double[indices.Count];
        var vi = new double[indices.Count];
        for (var j = 0; j < indices.Count; j++)
        {
            yi[j] = studies[indices[j]].Yi!.Value;
            vi[j] = studies[indices[j]].Vi!.Value;
        }

        return MetaAnalysis.Fit(yi, vi, options);
    }

    /// <summary>Q between subgroups from the fits that exist; the issue saying why, when it is not computed.</summary>
    private static SubgroupDifferenceTest? DifferenceTest(List<SubgroupFit> fits, List<Issue> issues)
    {
        var (test, issue) = TestDifferences([.. fits.Where(f => f.Fit is not null).Select(f => (f.Fit!.Estimate, f.Fit.StandardError))]);
        if (issue is not null)
        {
            issues.Add(issue);
        }

        return test;
    }

    /// <summary>
    /// The test for subgroup differences from the subgroups' pooled estimates and standard errors, whatever model pooled
    /// them (inverse variance, Mantel-Haenszel, Peto): the common-effect Q of the estimates with weights 1/SE_g², against
    /// χ²(G − 1) (see <see cref="Fit(IReadOnlyList{StudyEffect}, IReadOnlyList{string}, FitOptions, SubgroupOptions)"/>).
    /// Null, with a <c>subgroup-test-not-computed</c> warning, with fewer than 2 subgroups or a standard error that is not positive.
    /// </summary>
    public static (SubgroupDifferenceTest? Test, Issue? Issue) TestDifferences(IReadOnlyList<(double Estimate, double StandardError)> subgroups)
    {
        ArgumentNullException.ThrowIfNull(subgroups);
        if (subgroups.Count < 2)
        {
            return (null, new Issue(IssueCodes.SubgroupTestNotComputed, IssueSeverity.Warning,
                FormattableString.Invariant($"The test for subgroup differences needs at least 2 subgroups with a fit; there {(subgroups.Count == 1 ? "is 1" : $"are {subgroups.Count}")}.")));
        }

        if (subgroups.Any(f => !(f.StandardError > 0)))
        {
            return (null, new Issue(IssueCodes.SubgroupTestNotComputed, IssueSeverity.Warning,
                "The test for subgroup differences is undefined: a subgroup's standard error is 0 (Knapp-Hartung with identical effects, or no events)."));
        }

        double sumW = 0, sumWy = 0;
        foreach (var (estimate, se) in subgroups)
        {
            var w = 1 / (se * se);
            sumW += w;
            sumWy += w * estimate;
        }

        var mean = sumWy / sumW;
        double q = 0;
        foreach (var (estimate, se) in subgroups)
        {
            var d = estimate - mean;
            q += d * d / (se * se);
        }

        var df = subgroups.Count - 1;
        return (new SubgroupDifferenceTest(q, df, Probability.ChiSquareUpperTail(q, df)), null);
    }
}
