namespace Evident.Cli;

/// <summary>The exit codes of <c>evident</c>, documented in <c>--help</c> and the README.</summary>
internal static class ExitCodes
{
    /// <summary>At least one analysis was done (there may be issues).</summary>
    public const int Success = 0;

    /// <summary>Nothing at all could be analysed.</summary>
    public const int NothingAnalysed = 1;

    /// <summary>Bad option or option value.</summary>
    public const int UsageError = 2;

    /// <summary>The input file is missing or unreadable, or an output file cannot be written.</summary>
    public const int InputUnreadable = 3;

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
        + "2 usage error (bad option or value), 3 input file missing or unreadable, or output file unwritable.";
}
