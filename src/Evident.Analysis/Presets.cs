using Evident.Core.EffectSizes;
using Evident.Core.Models;

namespace Evident.Analysis;

/// <summary>The tools whose defaults <c>--preset</c> reproduces.</summary>
public enum Preset
{
    /// <summary>metafor 3.8 (<c>escalc</c> and <c>rma</c> defaults): the default.</summary>
    Metafor,

    /// <summary>RevMan's random-effects methods since January 2025 (Cochrane).</summary>
    Cochrane2025,

    /// <summary>Review Manager 5 (Cochrane, until 2024).</summary>
    RevMan5,

    /// <summary>R's meta package, version 8 defaults.</summary>
    Meta,
}

/// <summary>
/// What a preset sets. Options given on the command line win over the preset's defaults.
/// </summary>
/// <param name="Conventions">Per-study effect-size conventions (SMD variance, zero cells, double zeros).</param>
/// <param name="Method">τ² estimator of the random-effects model.</param>
/// <param name="Test">Test and CI of the pooled estimate.</param>
/// <param name="PredictionInterval">Prediction interval convention.</param>
/// <param name="Tau2Ci">CI of τ².</param>
/// <param name="Heterogeneity">What I² and H² are computed from.</param>
/// <param name="BinaryCommonEffect">The common-effect method for OR, RR and RD (<c>--method FE</c>/<c>EE</c>), or null for inverse variance.</param>
/// <param name="QAroundMantelHaenszel">Binary random-effects models take Q (and so DerSimonian-Laird's τ²) around the MH estimate.</param>
public sealed record PresetDefaults(
    EffectConventions Conventions,
    Tau2Method Method,
    TestMethod Test,
    PredictionIntervalType PredictionInterval,
    Tau2CiMethod Tau2Ci,
    HeterogeneityBasis Heterogeneity,
    TableMethod? BinaryCommonEffect,
    bool QAroundMantelHaenszel)
{
    /// <summary>
    /// The defaults of each preset and where they come from:
    /// <list type="bullet">
    /// <item><c>metafor</c>: <c>rma()</c>'s defaults (Viechtbauer 2010; metafor 3.8 documentation): REML, z, Q-profile,
    /// I² from τ², the PI as <c>predict()</c>.</item>
    /// <item><c>cochrane-2025</c>: RevMan's random-effects methods as implemented in January 2025 (Cochrane Methods,
    /// "Random-effects meta-analysis methods for Intervention Reviews",
    /// https://methods.cochrane.org/methods-cochrane/random-effects-meta-analysis-methods-intervention-reviews): REML τ²,
    /// Q-profile CI for τ², Hartung-Knapp-Sidik-Jonkman CI for the summary effect, I² from τ² (the May 2024 addendum),
    /// and a t-based prediction interval, here with k − 1 df around the HKSJ standard error; RevMan's per-study
    /// conventions (as RevMan 5).</item>
    /// <item><c>revman5</c>: Review Manager 5 (Deeks &amp; Higgins 2010, "Statistical algorithms in Review Manager 5"):
    /// DerSimonian-Laird with a Wald-type CI, I² from Q, Mantel-Haenszel as the fixed-effect method for binary data
    /// with Q (and DL's τ²) taken around the MH estimate, RevMan's SMD variance and zero-cell rules, double-zero studies
    /// not estimable.</item>
    /// <item><c>meta</c>: meta 8's defaults (<c>settings.meta()</c>; Balduzzi, Rücker &amp; Schwarzer 2019): REML,
    /// classic (z) CI, prediction interval t(k − 1) (<c>method.predict = "V"</c>), I² from Q with the test-based CI
    /// (<c>method.I2 = "Q"</c>), Q-profile CI for τ², Mantel-Haenszel for binary common-effect models with Q around it
    /// (<c>Q.Cochrane = TRUE</c>); its per-study conventions are escalc's.</item>
    /// </list>
    /// </summary>
    public static PresetDefaults For(Preset preset) => preset switch
    {
        Preset.Cochrane2025 => new(EffectConventions.RevMan5, Tau2Method.REML, TestMethod.KNHA, PredictionIntervalType.T, Tau2CiMethod.QProfile,
            HeterogeneityBasis.Tau2, TableMethod.MH, false),
        Preset.RevMan5 => new(EffectConventions.RevMan5, Tau2Method.DL, TestMethod.Z, PredictionIntervalType.Metafor, Tau2CiMethod.QProfile,
            HeterogeneityBasis.Q, TableMethod.MH, true),
        Preset.Meta => new(EffectConventions.Metafor, Tau2Method.REML, TestMethod.Z, PredictionIntervalType.T, Tau2CiMethod.QProfile,
            HeterogeneityBasis.Q, TableMethod.MH, false),
        _ => new(EffectConventions.Metafor, Tau2Method.REML, TestMethod.Z, PredictionIntervalType.Metafor, Tau2CiMethod.QProfile,
            HeterogeneityBasis.Tau2, null, false),
    };
}
