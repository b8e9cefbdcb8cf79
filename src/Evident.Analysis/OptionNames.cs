using Evident.Core.EffectSizes;
using Evident.Core.Models;

namespace Evident.Analysis;

/// <summary>
/// The names users type for the values of the options, and the analysis documents print (<c>"preset":
/// "cochrane-2025"</c>): one table for the command line, the web app and the JSON <c>settings</c>.
/// </summary>
public static class OptionNames
{
    /// <summary><c>--preset</c>.</summary>
    public static NameTable<Preset> Presets { get; } = new(("metafor", Preset.Metafor), ("cochrane-2025", Preset.Cochrane2025), ("revman5", Preset.RevMan5), ("meta", Preset.Meta));

    /// <summary><c>--to</c>, as metafor spells it.</summary>
    public static NameTable<ContinuityTarget> ContinuityTargets { get; } =
        new(("only0", ContinuityTarget.Only0), ("all", ContinuityTarget.All), ("if0all", ContinuityTarget.If0All), ("none", ContinuityTarget.None));

    /// <summary><c>--pi-type</c>.</summary>
    public static NameTable<PredictionIntervalType> PredictionIntervals { get; } =
        new(("metafor", PredictionIntervalType.Metafor), ("riley", PredictionIntervalType.Riley), ("t", PredictionIntervalType.T));

    /// <summary><c>--tau2-ci</c>.</summary>
    public static NameTable<Tau2CiMethod> Tau2Cis { get; } = new(("qp", Tau2CiMethod.QProfile), ("pl", Tau2CiMethod.ProfileLikelihood));

    /// <summary><c>--i2</c>.</summary>
    public static NameTable<HeterogeneityBasis> Heterogeneity { get; } = new(("tau2", HeterogeneityBasis.Tau2), ("q", HeterogeneityBasis.Q));

    /// <summary><c>--median-to-mean</c>.</summary>
    public static NameTable<MedianConversion> MedianConversions { get; } =
        new(("none", MedianConversion.None), ("wan", MedianConversion.Wan), ("luo-shi", MedianConversion.LuoShi));

    /// <summary><c>--format</c> of the analysis commands.</summary>
    public static NameTable<OutputFormat> Formats { get; } = new(("text", OutputFormat.Text), ("json", OutputFormat.Json), ("csv", OutputFormat.Csv), ("md", OutputFormat.Md));
}

/// <summary>The names of a set of values, in the order users see them.</summary>
/// <typeparam name="T">The value a name stands for.</typeparam>
public sealed class NameTable<T>
    where T : notnull
{
    /// <summary>A table of <paramref name="entries"/>.</summary>
    public NameTable(params (string Name, T Value)[] entries) => Entries = entries;

    /// <summary>The names and values, in order.</summary>
    public IReadOnlyList<(string Name, T Value)> Entries { get; }

    /// <summary>The name of <paramref name="value"/>.</summary>
    public string NameOf(T value) => Entries.First(e => EqualityComparer<T>.Default.Equals(e.Value, value)).Name;

    /// <summary>The value named <paramref name="name"/> (case-insensitive), or false.</summary>
    public bool TryParse(string name, out T value)
    {
        foreach (var (n, v) in Entries)
        {
            if (string.Equals(n, name, StringComparison.OrdinalIgnoreCase))
            {
                value = v;
                return true;
            }
        }

        value = default!;
        return false;
    }
}
