namespace Evident.Cli;

/// <summary>
/// The exit codes of <c>evident</c>, documented in <c>--help</c> and the README. 4 is the <c>./evident</c> wrapper's
/// (its build failed); 70 is <c>EX_SOFTWARE</c> of BSD's sysexits.h, "an internal software error".
/// </summary>
internal static class ExitCodes
{
    /// <summary>At least one analysis was done (there may be issues).</summary>
    public const int Success = 0;

    /// <summary>Nothing at all could be analysed (or drawn, or written: the input's problems are reported).</summary>
    public const int NothingAnalysed = 1;

    /// <summary>Bad option or option value.</summary>
    public const int UsageError = 2;

    /// <summary>The input file is missing or unreadable, or an output file (or stdout) cannot be written.</summary>
    public const int InputUnreadable = 3;

    /// <summary>An unexpected failure: a bug in Evident (one line on stderr says so; the stack trace with <c>--debug</c>).</summary>
    public const int InternalError = 70;

    /// <summary>The exit code of a run that ended so.</summary>
    public static int Of(RunStatus status) => status switch
    {
        RunStatus.Analysed => Success,
        RunStatus.NothingAnalysed => NothingAnalysed,
        _ => InputUnreadable,
    };

    /// <summary>The text <c>--help</c> shows.</summary>
    public const string HelpText =
        "Exit codes: 0 success (there may be issues), 1 nothing could be analysed, "
        + "2 usage error (bad option or value), 3 input file missing or unreadable, or output file unwritable, "
        + "70 internal error (a bug: please report it).";
}
