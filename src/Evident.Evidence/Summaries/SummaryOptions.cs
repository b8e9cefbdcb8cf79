using System.Reflection;

namespace Evident.Evidence.Summaries;

/// <summary>How a summary is written.</summary>
public sealed record SummaryOptions
{
    /// <summary>This library's version (<c>0.1.0</c>, without a source revision).</summary>
    public static string Version =>
        (typeof(SummaryOptions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];

    /// <summary>The defaults.</summary>
    public static SummaryOptions Default { get; } = new();

    /// <summary>The rule of thumb for size words of an SMD (default Cohen 1988).</summary>
    public MagnitudeScale Scale { get; init; } = MagnitudeScale.Cohen;

    /// <summary>The program named in the provenance line (default "Evident" and this library's version).</summary>
    public string Generator { get; init; } = "Evident " + Version;
}
