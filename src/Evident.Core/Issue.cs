namespace Evident.Core;

/// <summary>How serious an <see cref="Issue"/> is.</summary>
public enum IssueSeverity
{
    /// <summary>Something the user should know (a conversion or a convention applied), not a problem.</summary>
    Info,

    /// <summary>The analysis went on, but a value was skipped, adjusted by request, or is not meaningful.</summary>
    Warning,

    /// <summary>A row or an analysis could not be used.</summary>
    Error,
}

/// <summary>
/// A problem with the data or the analysis, as data rather than an exception.
/// Core knows nothing of files: <see cref="StudyIndex"/> is the 0-based position of the study in the input list and
/// <see cref="Field"/> the escalc argument name (<c>sd1i</c>, <c>ai</c>, …); front ends map them to file rows and headers.
/// Analysis-level issues have both null.
/// </summary>
/// <param name="Code">Stable kebab-case code (see <see cref="IssueCodes"/>); tests assert codes, not messages.</param>
/// <param name="Severity">How serious it is.</param>
/// <param name="Message">A sentence for people.</param>
/// <param name="StudyIndex">0-based study position in the input, or null for analysis-level issues.</param>
/// <param name="Field">The escalc argument name the issue is about, or null.</param>
public sealed record Issue(string Code, IssueSeverity Severity, string Message, int? StudyIndex = null, string? Field = null);
