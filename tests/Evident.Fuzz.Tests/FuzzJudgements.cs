using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Evident.Fuzz.Tests;

/// <summary>The input of one case: its seed, the mutated bytes, and the case folder the command ran in.</summary>
internal sealed record FuzzInput(string Seed, byte[] Bytes, string Folder);

/// <summary>The judgements: what a command must never do, whatever its input (README, "Fuzzing").</summary>
internal static partial class FuzzEngine
{
    /// <summary>
    /// What is wrong with a run; empty when nothing is. Always: a stack trace, no result within the time limit, an exit
    /// code the command does not document (70, an internal error, is a failure), a message on stderr that does not
    /// start with its file and line (or, about the whole file, its file and a code the target allows there), a raw
    /// control character on stderr. By what stdout is (<see cref="Stdout"/>): invalid JSON, a raw control character on
    /// the terminal, a CSV cell a spreadsheet would run as a formula. Given the <paramref name="input"/>: a temporary
    /// file (<c>.NAME.*.tmp</c>) left in the case folder, and a table of the wrong kind drawn with exit 0.
    /// </summary>
    public static List<string> Problems(FuzzTarget target, FuzzRun run, TimeSpan limit, IReadOnlyList<string> files, FuzzInput? input = null)
    {
        var problems = new List<string>();
        if (run.TimedOut)
        {
            problems.Add($"no result within {limit.TotalSeconds:0} s");
            return problems;
        }

        if (StackTrace().IsMatch(run.Error) || StackTrace().IsMatch(run.Output))
        {
            problems.Add("stack trace: " + run.Error.Split('\n').FirstOrDefault(l => l.Contains("Exception", StringComparison.Ordinal))?.Trim());
        }

        if (run.ExitCode == 70)
        {
            problems.Add("exit 70, an internal error: " + Cut(run.Error.Split('\n').FirstOrDefault(l => l.Contains("[internal-error]", StringComparison.Ordinal)) ?? ""));
        }
        else if (!target.ExitCodes.Contains(run.ExitCode))
        {
            problems.Add($"exit code {run.ExitCode} is not one the command documents ({string.Join(", ", target.ExitCodes)})");
        }

        JudgeStdout(target, run, problems);
        JudgeStderr(target, run, files, input, problems);

        if (input is not null)
        {
            var leftovers = Directory.EnumerateFiles(input.Folder).Select(f => Path.GetFileName(f))
                .Where(n => n.StartsWith('.') && n.EndsWith(".tmp", StringComparison.Ordinal)).ToList();
            if (leftovers.Count > 0)
            {
                problems.Add($"temporary file left in the output folder: {leftovers[0]}");
            }

            if (run.ExitCode == 0 && target.WrongKind.Contains(input.Seed) && !target.RightKind(Encoding.UTF8.GetString(input.Bytes)))
            {
                problems.Add($"a table of the wrong kind ({Path.GetFileName(input.Seed)}) was drawn with exit 0");
            }
        }

        return problems;
    }

    private static void JudgeStdout(FuzzTarget target, FuzzRun run, List<string> problems)
    {
        switch (target.Output)
        {
            case Stdout.Json when run.Output.Length > 0:
                try
                {
                    using var _ = JsonDocument.Parse(run.Output);
                }
                catch (JsonException e)
                {
                    problems.Add($"--format json printed invalid JSON ({e.Message.Split('.')[0]})");
                }

                break;
            case Stdout.Terminal when Control().Match(run.Output.Replace("\n", "", StringComparison.Ordinal).Replace("\t", "", StringComparison.Ordinal)) is { Success: true } m:
                problems.Add($"raw control character U+{(int)m.Value[0]:X4} on the terminal (stdout)");
                break;
            case Stdout.Csv:
                if (Cells(run.Output).FirstOrDefault(c => c.Length > 0 && "=+-@\t\r".Contains(c[0], StringComparison.Ordinal) && !Number().IsMatch(c)) is { } cell)
                {
                    problems.Add($"CSV cell a spreadsheet runs as a formula: \"{Cut(cell)}\"");
                }

                break;
        }
    }

    private static void JudgeStderr(FuzzTarget target, FuzzRun run, IReadOnlyList<string> files, FuzzInput? input, List<string> problems)
    {
        var fileLevel = new Regex($@"\[({target.FileLevelCodes})\]$");
        foreach (var line in run.Error.Split('\n').Where(l => l.Length > 0))
        {
            if (Control().Match(line) is { Success: true } m)
            {
                problems.Add($"raw control character U+{(int)m.Value[0]:X4} on the terminal (stderr): \"{Cut(line)}\"");
                break;
            }
        }

        foreach (var line in run.Error.Split('\n').Where(l => l.Length > 0))
        {
            if (target.Writes && input is not null && line.StartsWith("wrote " + input.Folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                continue;
            }

            // Located: "FILE:LINE: " or "FILE:LINE:COLUMN: " with FILE one of the command's input files; or, about the
            // whole file, "FILE: … [code]" with a code the target allows there.
            var file = files.Where(f => line.StartsWith(f + ":", StringComparison.Ordinal)).MaxBy(f => f.Length);
            var rest = file is null ? "" : line[(file.Length + 1)..];
            if (file is null || !(Located().IsMatch(rest) || (rest.StartsWith(' ') && fileLevel.IsMatch(rest))))
            {
                problems.Add($"message with no location: \"{Cut(line)}\"");
                break;
            }
        }
    }

    /// <summary>The cells of a CSV text (RFC 4180: quoted fields may hold separators, quotes doubled, line breaks).</summary>
    public static IEnumerable<string> Cells(string csv)
    {
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"' && cell.Length == 0)
            {
                quoted = true;
            }
            else if (c is ',' or '\n')
            {
                yield return cell.ToString();
                cell.Clear();
            }
            else if (c != '\r' || i + 1 >= csv.Length || csv[i + 1] != '\n')
            {
                cell.Append(c);
            }
        }

        if (cell.Length > 0)
        {
            yield return cell.ToString();
        }
    }

    private static string Cut(string line) => line.Length > 120 ? line[..120] + "…" : line;

    /// <summary>
    /// A .NET stack frame or an unhandled exception's name. Linear in the text: the indent is spaces and tabs (not line
    /// breaks) and a name starts at a word's start, so a megabyte of blank lines or of one word is read once.
    /// </summary>
    [GeneratedRegex(@"^[ \t]+at \S+\(|Unhandled exception|\b\w+Exception:", RegexOptions.Multiline)]
    private static partial Regex StackTrace();

    /// <summary>What follows the file in a located message: its line and (optionally) column, <c>3:14: …</c>.</summary>
    [GeneratedRegex(@"^\d+(:\d+)?: \S")]
    private static partial Regex Located();

    /// <summary>
    /// A character a terminal obeys rather than shows: C0 controls but tab and line feed, DEL, C1 controls (CSI, NEL),
    /// and the bidirectional embeddings, overrides and isolates that reorder what is shown (CVE-2021-42574).
    /// </summary>
    [GeneratedRegex("[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]")]
    private static partial Regex Control();

    /// <summary>A cell that is simply a number (a spreadsheet reads it as one): <c>-0.5</c>, <c>+1e-3</c>, <c>-Infinity</c>.</summary>
    [GeneratedRegex(@"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$|^[-+]?Infinity$")]
    private static partial Regex Number();
}
