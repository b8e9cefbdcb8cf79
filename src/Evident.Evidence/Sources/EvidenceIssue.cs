namespace Evident.Evidence.Sources;

/// <summary>How serious an <see cref="EvidenceIssue"/> is.</summary>
public enum EvidenceIssueSeverity
{
    /// <summary>Worth knowing; nothing was dropped.</summary>
    Warning,

    /// <summary>The value could not be used and is left out; the rest of the file is read.</summary>
    Error,
}

/// <summary>
/// A problem in an evidence file, as data: where it is (file, line, column and the JSON path of the value), a stable
/// kebab-case code and a sentence. The value it is about is left out; the rest of the file is read.
/// </summary>
/// <param name="Code">Stable code (see <see cref="EvidenceIssueCodes"/>).</param>
/// <param name="Severity">Warning or error.</param>
/// <param name="Message">What is wrong, quoting the value.</param>
/// <param name="File">The file it is in.</param>
/// <param name="Line">1-based line, when known.</param>
/// <param name="Column">1-based column, when known.</param>
/// <param name="Path">The value's path in the file, e.g. <c>outcomes[2].ci</c>.</param>
public sealed record EvidenceIssue(string Code, EvidenceIssueSeverity Severity, string Message, string File, int? Line, int? Column, string? Path)
{
    /// <summary><c>file:line:column: path: message [code]</c>, as the CLI prints it: one line (<see cref="OneLine"/>).</summary>
    public override string ToString()
    {
        var where = Line is { } l ? $"{File}:{l}:{Column ?? 1}" : File;
        return OneLine.Of($"{where}: {(Path is null ? "" : Path + ": ")}{Message} [{Code}]");
    }
}

/// <summary>Stable codes of <see cref="EvidenceIssue"/>s.</summary>
public static class EvidenceIssueCodes
{
    /// <summary>The file is not valid JSON (the location is where the parser stopped).</summary>
    public const string InvalidJson = "invalid-json";

    /// <summary>The JSON is not of the expected shape (e.g. no <c>outcomes</c> array).</summary>
    public const string NotAnEvidenceFile = "not-an-evidence-file";

    /// <summary>A field that the format does not define (likely a typo); ignored.</summary>
    public const string UnknownField = "unknown-field";

    /// <summary>A value of the wrong type or form (text where a number is needed, a CI that is not two numbers).</summary>
    public const string InvalidValue = "invalid-value";

    /// <summary>A value outside its range (p outside [0, 1], I² outside [0, 100], a negative count).</summary>
    public const string OutOfRange = "out-of-range";

    /// <summary>A required field is missing (an outcome without a name or measure).</summary>
    public const string MissingField = "missing-field";

    /// <summary>Two outcomes with the same name.</summary>
    public const string DuplicateOutcome = "duplicate-outcome";

    /// <summary>No outcome could be read from the file (its <c>outcomes</c> array is empty, or every outcome has an error).</summary>
    public const string NoOutcome = "no-outcome";
}
