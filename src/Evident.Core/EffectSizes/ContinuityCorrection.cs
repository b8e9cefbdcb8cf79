namespace Evident.Core.EffectSizes;

/// <summary>Which studies get the continuity correction (metafor's <c>to</c> argument).</summary>
public enum ContinuityTarget
{
    /// <summary>Only studies with a zero cell (metafor's default, <c>"only0"</c>).</summary>
    Only0,
    /// <summary>Every study (<c>"all"</c>).</summary>
    All,
    /// <summary>Every study, if any study has a zero cell (<c>"if0all"</c>).</summary>
    If0All,
    /// <summary>No study (<c>"none"</c>).</summary>
    None,
}
