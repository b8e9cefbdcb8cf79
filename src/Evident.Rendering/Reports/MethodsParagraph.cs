using System.Globalization;
using Evident.Analysis;
using Evident.Core;
using Evident.Core.Bias;
using Evident.Core.EffectSizes;
using Evident.Core.Models;
using static Evident.Rendering.Reports.Citations;

namespace Evident.Rendering.Reports;

/// <summary>
/// The methods paragraph of a report, written from the settings actually used and the analyses actually done: the
/// effect measure and its source, the model and τ² estimator, the CI and test method, the τ² CI, the I² basis and
/// bands, the prediction interval, conversions that were applied, subgroups, meta-regression, small-study and
/// sensitivity analyses, and the software. Each method is named with its published source (<see cref="Citations"/>);
/// nothing that was not used is mentioned.
/// </summary>
internal sealed class MethodsParagraph
{
    private readonly List<string> _sentences = [];
    private readonly List<Citation> _cited = [];
    private readonly AnalyzeSettings _settings;
    private readonly IReadOnlyList<OutcomeReport> _outcomes;
    private readonly IReadOnlyList<AnalysisIssue> _issues;
    private readonly string _level;

    private MethodsParagraph(AnalyzeSettings settings, IReadOnlyList<OutcomeReport> outcomes, IReadOnlyList<AnalysisIssue> issues)
    {
        (_settings, _outcomes, _issues) = (settings, outcomes, issues);
        _level = ReportNumbers.Level(settings.Level);
    }

    /// <summary>The paragraph and the reference-list entries of the sources it cites (alphabetical).</summary>
    public static (string Text, IReadOnlyList<string> References) Write(AnalyzeSettings settings, IReadOnlyList<OutcomeReport> outcomes, IReadOnlyList<AnalysisIssue> issues)
    {
        var methods = new MethodsParagraph(settings, outcomes, issues);
        methods.EffectSizes();
        methods.Conversions();
        methods.Models();
        methods.Inference();
        methods.Heterogeneity();
        methods.PredictionInterval();
        methods.Subgroups();
        methods.Regression();
        methods.Bias();
        methods.Sensitivity();
        methods.Software();
        return (string.Join(' ', methods._sentences), [.. methods._cited.Select(c => c.Entry).Distinct().Order(StringComparer.Ordinal)]);
    }

    /// <summary>A measure as the paragraph names it, with its source when it has one.</summary>
    public static (string Noun, Citation? Source) Describe(EffectMeasure measure, EffectConventions conventions, bool genLog) => measure switch
    {
        EffectMeasure.MD => ("mean differences (MD)", null),
        EffectMeasure.SMD when conventions == EffectConventions.RevMan5 =>
            ("standardized mean differences (SMD) as Hedges' adjusted g, with Review Manager 5's approximate small-sample correction and variance", DeeksHiggins2010),
        EffectMeasure.SMD => ("standardized mean differences (SMD) as Hedges' g, with the exact small-sample bias correction", Hedges1981),
        EffectMeasure.SMDH => ("standardized mean differences without assuming equal variances (SMDH)", Bonett2009),
        EffectMeasure.SMD1 => ("mean differences standardized by the control group's standard deviation (Glass's Δ)", Glass1976),
        EffectMeasure.ROM => ("log ratios of means (ROM)", HedgesGurevitchCurtis1999),
        EffectMeasure.OR => ("log odds ratios (OR)", null),
        EffectMeasure.RR => ("log risk ratios (RR)", null),
        EffectMeasure.RD => ("risk differences (RD)", null),
        EffectMeasure.PETO => ("log odds ratios by Peto's one-step method", Yusuf1985),
        EffectMeasure.IRR => ("log incidence rate ratios (IRR)", null),
        EffectMeasure.IRD => ("incidence rate differences (IRD)", null),
        EffectMeasure.COR => ("correlation coefficients", null),
        EffectMeasure.UCOR => ("unbiased estimates of the correlation coefficient", OlkinPratt1958),
        EffectMeasure.ZCOR => ("Fisher's r-to-z transformed correlation coefficients", Fisher1921),
        EffectMeasure.PR => ("proportions", null),
        EffectMeasure.PLN => ("log proportions", null),
        EffectMeasure.PLO => ("logit proportions", null),
        EffectMeasure.PAS => ("arcsine square-root transformed proportions", null),
        EffectMeasure.PFT => ("Freeman-Tukey double-arcsine transformed proportions", FreemanTukey1950),
        EffectMeasure.IR => ("incidence rates", null),
        EffectMeasure.IRLN => ("log incidence rates", null),
        EffectMeasure.MN => ("means", null),
        EffectMeasure.MNLN => ("log means", null),
        EffectMeasure.MC => ("mean changes", null),
        EffectMeasure.SMCC => ("standardized mean changes using the change-score standard deviation", Gibbons1993),
        EffectMeasure.SMCR => ("standardized mean changes using the raw-score standard deviation", Becker1988),
        _ when genLog => ("log ratios given with their confidence intervals or standard errors (generic inverse variance)", null),
        _ => ("estimates given with their standard errors, variances or confidence intervals (generic inverse variance)", null),
    };

    /// <summary>A τ² estimator as the paragraph names it, with its source.</summary>
    public static (string Name, Citation[] Sources) Describe(Tau2Method method) => method switch
    {
        Tau2Method.REML => ("restricted maximum likelihood", [Viechtbauer2005]),
        Tau2Method.ML => ("maximum likelihood", [HardyThompson1996]),
        Tau2Method.DL => ("the DerSimonian-Laird method of moments", [DerSimonianLaird1986]),
        Tau2Method.PM => ("the Paule-Mandel method", [PauleMandel1982]),
        Tau2Method.HE => ("the Hedges method of moments", [Hedges1983]),
        Tau2Method.SJ => ("the Sidik-Jonkman estimator", [SidikJonkman2005]),
        Tau2Method.HS => ("the Hunter-Schmidt estimator", [HunterSchmidt2004]),
        Tau2Method.HSk => ("the Hunter-Schmidt estimator with a small-sample correction", [Brannick2019]),
        Tau2Method.EB => ("the empirical Bayes estimator", [Morris1983, Berkey1995]),
        Tau2Method.PMM => ("the median-unbiased Paule-Mandel estimator", [Viechtbauer2021]),
        Tau2Method.DLIT => ("the iterated DerSimonian-Laird method", [DerSimonianKacker2007]),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "not a τ² estimator"),
    };

    /// <summary>How an outcome was pooled, as the paragraph groups them.</summary>
    private enum ModelKind
    {
        Random,
        Common,
        MantelHaenszel,
        Peto,
    }

    private static ModelKind KindOf(OutcomeReport outcome) => outcome.Tables?.Method switch
    {
        TableMethod.MH => ModelKind.MantelHaenszel,
        TableMethod.PETO => ModelKind.Peto,
        _ => IsRandom(outcome) ? ModelKind.Random : ModelKind.Common,
    };

    /// <summary>Whether an outcome was pooled in a random-effects model (a τ² estimator, no table method).</summary>
    public static bool IsRandom(OutcomeReport outcome) => outcome.Tables is null && outcome.Fit.Method is not (Tau2Method.EE or Tau2Method.FE);

    private string Cite(params Citation[] sources)
    {
        _cited.AddRange(sources);
        return string.Join("; ", sources.Select(s => s.Cite));
    }

    private void Say(string sentence) => _sentences.Add(sentence);

    /// <summary>"the outcome" or “A”, “B” and “C”.</summary>
    private static string Names(IEnumerable<OutcomeReport> outcomes)
        => ReportNumbers.List([.. outcomes.Select(o => o.Outcome is { } name ? $"“{name}”" : "the outcome")]);

    /// <summary>" for “A” and “B”" when not every outcome is meant, else nothing.</summary>
    private string For(List<OutcomeReport> outcomes) => outcomes.Count == _outcomes.Count ? string.Empty : $" for {Names(outcomes)}";

    private void EffectSizes()
    {
        var conventions = _settings.Escalc.Conventions;
        var groups = _outcomes.GroupBy(o => o.Measure).ToList();
        var parts = groups.Select(g =>
        {
            var (noun, source) = Describe(g.Key, conventions, _settings.Escalc.GenLogScale);
            return noun + (source is null ? string.Empty : $" ({Cite(source)})") + (groups.Count > 1 ? For([.. g]) : string.Empty);
        }).ToList();
        var auto = _settings.Measure is null ? ", the measure chosen from each outcome's type of data" : string.Empty;
        Say($"Effect sizes were {ReportNumbers.List(parts)}{auto}.");
        if (conventions == EffectConventions.RevMan5)
        {
            Say($"Per-study effect sizes follow Review Manager 5's conventions for small-sample corrections, zero cells and studies that cannot be estimated ({Cite(DeeksHiggins2010)}).");
        }

        var back = _outcomes.Where(o => o.BackTransform is not null).Select(o => o.BackTransform!.Name).Distinct().ToList();
        if (back.Count > 0)
        {
            Say(back.All(b => b == "exp")
                ? "Ratios were pooled on the log scale and are also shown as ratios (exp)."
                : $"Estimates pooled on a transformed scale are also shown back-transformed ({string.Join(", ", back)}).");
        }
    }

    /// <summary>Conversions and corrections, from the info issues that record each study they were applied to.</summary>
    private void Conversions()
    {
        int Studies(string code) => _issues.Where(i => i.Code == code).Select(i => (i.Outcome, i.Row)).Distinct().Count();
        string Count(int n) => n == 1 ? "1 study" : $"{n.ToString(CultureInfo.InvariantCulture)} studies";

        var escalc = _settings.Escalc;
        if (Studies(IssueCodes.ContinuityCorrection) is > 0 and var corrected)
        {
            var rule = escalc.Conventions == EffectConventions.RevMan5
                ? "with a zero cell, as Review Manager 5 does"
                : escalc.To switch
                {
                    ContinuityTarget.All => "(every study)",
                    ContinuityTarget.If0All => "(every study, because some had a zero cell)",
                    _ => "with a zero cell",
                };
            var tables = _outcomes.Any(o => o.Tables is not null)
                ? "; the Mantel-Haenszel and Peto estimates use the counts as given"
                : string.Empty;
            Say($"A continuity correction of {ReportNumbers.Plain(escalc.Add)} was added to the cells of {Count(corrected)} {rule}{tables}.");
        }

        if (Studies(IssueCodes.DroppedDoubleZero) is > 0 and var dropped)
        {
            Say($"{Capital(Count(dropped))} with no events (or only events) in both groups {(dropped == 1 ? "was" : "were")} left out.");
        }

        if (Studies(IssueCodes.SeFromCi) is > 0 and var fromCi)
        {
            Say($"Standard errors of {Count(fromCi)} were derived from {(fromCi == 1 ? "its" : "their")} {ReportNumbers.Level(escalc.InputCiLevel)}% confidence intervals.");
        }

        if (Studies(IssueCodes.LogTransformed) is > 0 and var logged)
        {
            Say($"Estimates and confidence limits given as ratios ({Count(logged)}) were log-transformed.");
        }

        if (Studies(IssueCodes.MeanSdFromMedian) is > 0 and var medians)
        {
            var sources = escalc.MedianConversion == MedianConversion.LuoShi ? Cite(Luo2018, Shi2020) : Cite(Wan2014);
            Say($"Means and standard deviations of {Count(medians)} were estimated from medians with quartiles and/or ranges ({sources}).");
        }

        if (_outcomes.Any(o => o.SharedControlSplits.Count > 0))
        {
            Say($"Control groups shared by several comparisons of one study were divided equally among those comparisons ({Cite(HandbookChapter23)}, §23.3.4).");
        }
    }

    private void Models()
    {
        foreach (var group in _outcomes.GroupBy(KindOf))
        {
            var members = group.ToList();
            var scope = For(members);
            switch (group.Key)
            {
                case ModelKind.Random:
                    foreach (var byMethod in members.GroupBy(o => o.Fit.Method))
                    {
                        var (name, sources) = Describe(byMethod.Key);
                        var these = byMethod.ToList();
                        Say($"Studies were pooled{For(these)} in a random-effects model with inverse-variance weights, the between-study variance τ² "
                            + $"estimated by {name} ({byMethod.Key}; {Cite(sources)}).");
                    }

                    break;
                case ModelKind.Common:
                    var model = members.All(o => o.Fit.Method == Tau2Method.FE) ? "a fixed-effects" : "a common-effect (equal-effects)";
                    Say($"Studies were pooled{scope} in {model} model with inverse-variance weights.");
                    break;
                case ModelKind.MantelHaenszel:
                    var variances = members.Select(o => o.Measure).Distinct().Select(m => m switch
                    {
                        EffectMeasure.OR => $"variance of the log OR: {Cite(Robins1986)}",
                        EffectMeasure.RD => $"variance of the RD: {Cite(Sato1989)}",
                        _ => $"variance of the {ReportNumbers.Labels(m, null).Analysis}: {Cite(GreenlandRobins1985)}",
                    });
                    Say($"Studies were pooled{scope} by the Mantel-Haenszel method, a common-effect model on the counts as given "
                        + $"({string.Join("; ", [Cite(MantelHaenszel1959), .. variances])}).");
                    break;
                case ModelKind.Peto:
                    Say($"Studies were pooled{scope} by Peto's one-step method ({Cite(Yusuf1985)}), a common-effect model.");
                    break;
                default:
                    break;
            }
        }

        if (_settings.QAroundMantelHaenszel && _outcomes.Any(o => IsRandom(o) && o.Measure is EffectMeasure.OR or EffectMeasure.RR or EffectMeasure.RD))
        {
            Say($"For binary outcomes Cochran's Q, and with it the DerSimonian-Laird τ², was taken around the Mantel-Haenszel estimate, as Review Manager 5 does ({Cite(DeeksHiggins2010)}).");
        }
    }

    private void Inference()
    {
        var inverseVariance = _outcomes.Where(o => o.Tables is null).ToList();
        var tables = _outcomes.Where(o => o.Tables is not null).ToList();
        var level = $"{_level}% confidence intervals and tests of the pooled estimates";
        if (inverseVariance.Count == 0 || _settings.Test == TestMethod.Z)
        {
            Say($"The {level} are Wald-type, from the normal distribution (z).");
        }
        else
        {
            var scope = tables.Count > 0 ? For(inverseVariance) : string.Empty;
            Say(_settings.Test switch
            {
                TestMethod.KNHA => $"The {level}{scope} use the Hartung-Knapp-Sidik-Jonkman method: the standard error rescaled by the weighted residual "
                    + $"variance and the t distribution with k − 1 degrees of freedom ({Cite(HartungKnapp2001, SidikJonkman2002)}).",
                TestMethod.ADHOC => $"The {level}{scope} use the Knapp-Hartung method with its scaling factor truncated below at 1 (the \"ad hoc\" variant; "
                    + $"{Cite(KnappHartung2003)}) and the t distribution with k − 1 degrees of freedom.",
                _ => $"The {level}{scope} use the t distribution with k − 1 degrees of freedom.",
            });
            if (tables.Count > 0)
            {
                Say($"Those{For(tables)} are Wald-type, from the normal distribution (z).");
            }
        }

        var fellBack = inverseVariance.Where(o => o.Fit.Test != _settings.Test).ToList();
        if (fellBack.Count > 0)
        {
            Say($"For {Names(fellBack)}, with a single study, the z test was used instead.");
        }
    }

    private void Heterogeneity()
    {
        var random = _outcomes.Where(IsRandom).ToList();
        var basis = random.Count > 0 && _settings.Heterogeneity == HeterogeneityBasis.Tau2
            ? random.Count == _outcomes.Count
                ? "I² and H² being computed from τ² and the typical within-study variance"
                : "I² and H² being computed from τ² and the typical within-study variance in random-effects models and from Q otherwise"
            : "I² and H² being computed from Q";
        Say($"Heterogeneity was assessed with Cochran's Q test ({Cite(Cochran1954)}) and quantified by {(random.Count > 0 ? "τ² and τ and by " : string.Empty)}"
            + $"I² and H² ({Cite(HigginsThompson2002)}), {basis}.");
        var bands = string.Join(", ", HeterogeneityBands.All.Select(b => $"{b.Range} {b.Phrase}"));
        Say($"I² is read with the Cochrane Handbook's overlapping bands: {bands} ({Cite(HandbookChapter10)}, §10.10.2).");
        if (random.Count > 0 && random.Any(o => o.Fit.Tau2ConfidenceInterval is not null))
        {
            var method = _settings.Tau2Ci == Tau2CiMethod.ProfileLikelihood
                ? $"the profile likelihood ({Cite(HardyThompson1996)})"
                : $"the Q-profile method ({Cite(Viechtbauer2007)})";
            var others = _settings.Heterogeneity == HeterogeneityBasis.Tau2
                ? "those of I² and H² follow from it"
                : $"those of I² and H² are test-based ({Cite(HigginsThompson2002)})";
            Say($"The {_level}% confidence interval of τ² is from {method}; {others}.");
        }
    }

    private void PredictionInterval()
    {
        var random = _outcomes.Where(IsRandom).ToList();
        if (random.Count == 0)
        {
            return;
        }

        var quantile = _settings.PiType switch
        {
            PredictionIntervalType.Riley => "the t distribution with k − 2 degrees of freedom",
            PredictionIntervalType.T => "the t distribution with k − 1 degrees of freedom",
            _ when _settings.Test == TestMethod.Z => "the normal distribution",
            _ => "the t distribution with k − 1 degrees of freedom",
        };
        var sources = _settings.PiType switch
        {
            PredictionIntervalType.Riley => Cite(Higgins2009, Riley2011),
            PredictionIntervalType.Metafor => $"{Cite(Higgins2009)}; as metafor's predict(), {Cite(Viechtbauer2010)}",
            _ => Cite(Higgins2009),
        };
        Say($"The {_level}% prediction interval{For(random)} is the estimate ± a quantile of {quantile} times √(SE² + τ²), "
            + $"SE being the pooled estimate's standard error ({sources}).");
    }

    private void Subgroups()
    {
        if (_settings.Subgroup is not { } column || !_outcomes.Any(o => o.Subgroups is not null))
        {
            return;
        }

        var tau2 = _settings.Tau2Common
            ? "one τ² shared by all subgroups, from the model with the subgroup as a factor"
            : "a τ² of their own";
        Say($"Studies were also pooled within the subgroups given by the column “{column}”, with the same model and {tau2}; the test for subgroup "
            + $"differences is Cochran's Q across the subgroup estimates ({Cite(HandbookChapter10)}, §10.11.3.1).");
    }

    private void Regression()
    {
        var fitted = _outcomes.Where(o => o.Regression is not null).ToList();
        if (fitted.Count == 0)
        {
            return;
        }

        var fit = fitted[0].Regression!.Fit;
        var random = fit.Method is not (Tau2Method.EE or Tau2Method.FE);
        var kind = random ? "mixed-effects" : "fixed-effects";
        var tests = fit.Test is TestMethod.KNHA or TestMethod.ADHOC or TestMethod.T
            ? $"t tests of the coefficients and an F test of the moderators{(fit.Test is TestMethod.KNHA or TestMethod.ADHOC ? $" ({Cite(KnappHartung2003)})" : string.Empty)}"
            : "z tests of the coefficients and a χ² test (QM) of the moderators";
        var r2 = random ? $"; R² is the proportional reduction in τ² ({Cite(Raudenbush2009)})" : string.Empty;
        var estimator = random ? " with the same τ² estimator" : string.Empty;
        Say($"A {kind} meta-regression on {Formula(fit)}{For(fitted)} ({Cite(ThompsonHiggins2002)}) was fitted{estimator}, with {tests}{r2}.");
    }

    private void Bias()
    {
        if (_settings.Bias is not { } bias)
        {
            return;
        }

        var predictor = bias.Predictor switch
        {
            RegressionTestPredictor.Vi => "sampling variances",
            RegressionTestPredictor.Ni => "sample sizes",
            RegressionTestPredictor.NInv => $"inverse sample sizes ({Cite(Peters2006)})",
            RegressionTestPredictor.SqrtNi => "square-root sample sizes",
            RegressionTestPredictor.SqrtNInv => "inverse square-root sample sizes",
            _ => "standard errors",
        };
        var model = bias.Model == RegressionTestModel.Rma ? "a meta-regression of the estimates" : "a weighted regression of the estimates";
        var side = bias.Side is { } s ? $", missing studies assumed on the {s.ToString().ToLowerInvariant()} side" : string.Empty;
        var cuts = string.Join(", ", bias.Steps.Where(p => p < 1).Select(ReportNumbers.Plain));
        var direction = bias.Alternative switch
        {
            TestAlternative.Greater => "results significant in the positive direction",
            TestAlternative.Less => "results significant in the negative direction",
            _ => "results significant in the direction of the pooled estimate",
        };
        Say($"Small-study effects and publication bias were examined with the regression test for funnel-plot asymmetry, {model} on their {predictor} "
            + $"({Cite(Egger1997)}), the rank correlation test ({Cite(BeggMazumdar1994)}), trim and fill with the {bias.Estimator} estimator{side} "
            + $"({Cite(DuvalTweedie2000)}), fail-safe N ({Cite(Rosenthal1979, Orwin1983, Rosenberg2005)}), the test of excess significance "
            + $"({Cite(IoannidisTrikalinos2007)}), a step-function selection model with one-sided p-value cut points {cuts} favouring {direction} "
            + $"({Cite(VeveaHedges1995)}) and Henmi and Copas's confidence interval ({Cite(HenmiCopas2010)}).");
        if (_outcomes.Any(o => o.Bias?.Guidance.Any(g => g.Code == IssueCodes.FewStudiesForAsymmetry) == true))
        {
            Say($"Tests for funnel-plot asymmetry are not meaningful with fewer than 10 studies ({Cite(HandbookChapter13)}, §13.3.5.4); the results say where this applies.");
        }
    }

    private void Sensitivity()
    {
        if (_settings.Sensitivity is not { } sensitivity)
        {
            return;
        }

        var order = sensitivity.Order switch
        {
            CumulativeOrder.Precision => "from the most precise study",
            CumulativeOrder.Effect => "from the smallest effect",
            CumulativeOrder.Column => $"by the column “{sensitivity.OrderColumn}”",
            _ => "in the order of the file",
        };
        var gosh = sensitivity.Gosh ? $", and by fitting the model to subsets of the studies (GOSH; {Cite(Olkin2012)})" : string.Empty;
        Say($"Sensitivity was examined by leaving out each study in turn, by influence diagnostics with metafor's rule for influential studies "
            + $"({Cite(ViechtbauerCheung2010)}) and by a cumulative meta-analysis adding the studies {order} ({Cite(Lau1992)}){gosh}.");
    }

    private void Software()
    {
        var preset = _settings.Preset switch
        {
            Preset.Cochrane2025 => ", with the defaults of its cochrane-2025 preset (RevMan's random-effects methods since 2025)",
            Preset.RevMan5 => ", with the defaults of its revman5 preset (Review Manager 5)",
            Preset.Meta => ", with the defaults of its meta preset (R's meta package, version 8)",
            _ => string.Empty,
        };
        Say($"The analyses were run with Evident {Analyzer.Version}{preset}, whose estimates reproduce R's metafor package ({Cite(Viechtbauer2010)}).");
    }

    /// <summary>The moderators as R writes them, without the tilde: <c>ablat + factor(alloc)</c>.</summary>
    public static string Formula(Core.Models.Regression.MetaRegressionResult fit) => (fit.Design.Formula?.ToString() ?? string.Empty).TrimStart('~', ' ');

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
