namespace Evident.Analysis;

/// <summary>How a run ended; a front end turns it into its exit code.</summary>
public enum RunStatus
{
    /// <summary>At least one analysis was fitted (there may be issues).</summary>
    Analysed,

    /// <summary>The input was read but nothing could be analysed (the issues say why).</summary>
    NothingAnalysed,

    /// <summary>The input is missing or cannot be read.</summary>
    InputUnreadable,
}

/// <summary>
/// What a run tells about its progress while it works: the phase (<c>Reading</c>, <c>Analysing</c>), the fraction of the
/// input done (0–1) and a detail (<c>120/3,000 analyses</c>). Called often; an implementation redraws at its own pace.
/// </summary>
public interface IAnalysisProgress
{
    /// <summary>The run's state now.</summary>
    void Report(string phase, double fraction, string detail);
}
