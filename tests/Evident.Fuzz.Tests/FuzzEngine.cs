using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Evident.Cli;

namespace Evident.Fuzz.Tests;

/// <summary>
/// One command the fuzzer drives: the seed files it mutates (a mutated copy is written under the seed's file name in a
/// fresh folder) and how the command is called with it. Adding a command is one of these in <see cref="FuzzTargets"/>.
/// </summary>
/// <param name="Name">A short name for reports ("check", "summarize-about").</param>
/// <param name="Seeds">Seed inputs, as paths under the repository root.</param>
/// <param name="Arguments">The command line for the mutated file's full path.</param>
/// <param name="JsonOutput">Whether stdout must be JSON (or nothing): the command was given <c>--format json</c>.</param>
/// <param name="ExitCodes">The exit codes the command documents.</param>
/// <param name="Extension">The mutated file's extension when it is not the seed's (".txt" to read a Markdown seed as text).</param>
internal sealed record FuzzTarget(string Name, IReadOnlyList<string> Seeds, Func<string, string[]> Arguments, bool JsonOutput, IReadOnlySet<int> ExitCodes,
    string? Extension = null);

/// <summary>What one run of a command did.</summary>
internal sealed record FuzzRun(int ExitCode, string Output, string Error, TimeSpan Elapsed, bool TimedOut);

/// <summary>One case: which target and seed, the mutation, what the run did and what was wrong with it.</summary>
internal sealed record FuzzCase(string Target, string Seed, int Index, string Mutation, MutationClass Kind, FuzzRun Run, IReadOnlyList<string> Problems)
{
    public override string ToString()
        => $"{Target} case {Index} ({Path.GetFileName(Seed)}: {Mutation}): exit {Run.ExitCode} in {Run.Elapsed.TotalSeconds:0.0} s: {string.Join("; ", Problems)}";
}

/// <summary>How a run is made: cases per target, the seed, the size of long inputs, the time limit, where to keep failing inputs.</summary>
internal sealed record FuzzSettings(int Cases, int Seed, int Big, TimeSpan Limit, string? SaveTo)
{
    /// <summary>
    /// The CI run (a few hundred cases in all, seeded, inputs up to 100 KB), or what the environment asks for:
    /// <c>FUZZ_CASES</c> (per target), <c>FUZZ_SEED</c>, <c>FUZZ_BIG</c> (bytes of a long line or run),
    /// <c>FUZZ_LIMIT</c> (seconds per case) and <c>FUZZ_SAVE</c> (a folder for the inputs that fail).
    /// </summary>
    public static FuzzSettings FromEnvironment() => new(
        Int("FUZZ_CASES", 60),
        Int("FUZZ_SEED", 20260114),
        Int("FUZZ_BIG", 100_000),
        TimeSpan.FromSeconds(Int("FUZZ_LIMIT", 30)),
        Environment.GetEnvironmentVariable("FUZZ_SAVE") is { Length: > 0 } dir ? dir : null);

    private static int Int(string name, int fallback)
        => int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : fallback;
}

/// <summary>
/// The fuzzer: mutates a target's seeds (<see cref="Mutations"/>), runs the real command in-process on a thread of its
/// own with a time limit, and flags what a command must never do: a stack trace, a run past the time limit, stdout that
/// is not JSON under <c>--format json</c>, a message on stderr that does not start with its file and line (or, for a
/// file that cannot be read at all, its file and a code), and an exit code the command does not document.
/// </summary>
internal static partial class FuzzEngine
{
    /// <summary>Runs <paramref name="settings"/>.Cases cases of a target.</summary>
    public static List<FuzzCase> Run(FuzzTarget target, FuzzSettings settings)
    {
        var cases = new List<FuzzCase>();
        for (var i = 0; i < settings.Cases; i++)
        {
            var random = new Random(HashCode.Combine(settings.Seed, target.Name.Length, target.Name[0], target.Name[^1], i));
            var seed = target.Seeds[i % target.Seeds.Count];
            var bytes = File.ReadAllBytes(Repo.Path(seed));
            var (mutated, what) = (bytes, "");
            var kinds = new List<MutationClass>();

            // Mostly one mutation; sometimes two or three on top of each other.
            var count = random.Next(4) == 0 ? 2 + random.Next(2) : 1;
            for (var m = 0; m < count; m++)
            {
                var kind = (MutationClass)random.Next(Enum.GetValues<MutationClass>().Length);
                kinds.Add(kind);
                var (next, description) = Mutations.Apply(mutated, kind, random, settings.Big);
                (mutated, what) = (next, what.Length == 0 ? description : what + ", then " + description);
            }

            cases.Add(Case(target, seed, i, mutated, what, kinds[0], settings));
        }

        return cases;
    }

    /// <summary>Runs one mutated input through the target and judges the run.</summary>
    public static FuzzCase Case(FuzzTarget target, string seed, int index, byte[] input, string what, MutationClass kind, FuzzSettings settings)
    {
        var dir = Directory.CreateTempSubdirectory("evident-fuzz-").FullName;
        try
        {
            var file = Path.Combine(dir, target.Extension is { } extension ? Path.GetFileNameWithoutExtension(seed) + extension : Path.GetFileName(seed));
            File.WriteAllBytes(file, input);
            var args = target.Arguments(file);
            var run = Invoke(args, settings.Limit);
            var problems = Problems(target, run, settings.Limit, [.. args.Where(File.Exists)]);
            if (problems.Count > 0 && settings.SaveTo is { } save)
            {
                Directory.CreateDirectory(save);
                File.WriteAllBytes(Path.Combine(save, $"{target.Name}-{index}{Path.GetExtension(seed)}"), input);
            }

            return new FuzzCase(target.Name, seed, index, what, kind, run, problems);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>
    /// Runs <c>evident</c> in-process with captured writers on a thread with a large stack; a run past
    /// <paramref name="limit"/> is abandoned (the thread is a background thread) and reported as timed out.
    /// </summary>
    public static FuzzRun Invoke(string[] args, TimeSpan limit)
    {
        var output = new StringWriter(CultureInfo.InvariantCulture);
        var error = new StringWriter(CultureInfo.InvariantCulture);
        var exitCode = -1;
        var watch = Stopwatch.StartNew();
        var thread = new Thread(
            () =>
            {
                try
                {
                    exitCode = EvidentCommand.Create().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
                }
                catch (Exception e)
                {
                    // Not reached while System.CommandLine handles exceptions itself; kept so a run never kills the fuzzer.
                    lock (error)
                    {
                        error.WriteLine(e.ToString());
                    }
                }
            },
            64 * 1024 * 1024)
        { IsBackground = true };
        thread.Start();
        var finished = thread.Join(limit);
        lock (error)
        {
            return new FuzzRun(exitCode, finished ? output.ToString() : "", finished ? error.ToString() : "", watch.Elapsed, !finished);
        }
    }

    /// <summary>What is wrong with a run; empty when nothing is.</summary>
    public static List<string> Problems(FuzzTarget target, FuzzRun run, TimeSpan limit, IReadOnlyList<string> files)
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

        if (!target.ExitCodes.Contains(run.ExitCode))
        {
            problems.Add($"exit code {run.ExitCode} is not one the command documents ({string.Join(", ", target.ExitCodes)})");
        }

        if (target.JsonOutput && run.Output.Length > 0)
        {
            try
            {
                using var _ = JsonDocument.Parse(run.Output);
            }
            catch (JsonException e)
            {
                problems.Add($"--format json printed invalid JSON ({e.Message.Split('.')[0]})");
            }
        }

        foreach (var line in run.Error.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0))
        {
            // Located: "FILE:LINE: " or "FILE:LINE:COLUMN: " with FILE one of the command's input files; or, for a file
            // that cannot be read at all, "FILE: … [file-not-found]" or "[file-unreadable]".
            var file = files.Where(f => line.StartsWith(f + ":", StringComparison.Ordinal)).MaxBy(f => f.Length);
            var rest = file is null ? "" : line[(file.Length + 1)..];
            if (file is null || !(Located().IsMatch(rest) || (rest.StartsWith(' ') && FileLevel().IsMatch(rest))))
            {
                problems.Add($"message with no location: \"{(line.Length > 120 ? line[..120] + "…" : line)}\"");
                break;
            }
        }

        return problems;
    }

    /// <summary>A .NET stack frame or an unhandled exception's name.</summary>
    [GeneratedRegex(@"^\s+at \S+\(|Unhandled exception|\w+Exception:", RegexOptions.Multiline)]
    private static partial Regex StackTrace();

    /// <summary>What follows the file in a located message: its line and (optionally) column, <c>3:14: …</c>.</summary>
    [GeneratedRegex(@"^\d+(:\d+)?: \S")]
    private static partial Regex Located();

    /// <summary>What follows the file in a message about a whole file that cannot be read (its line does not apply).</summary>
    [GeneratedRegex(@"\[(file-not-found|file-unreadable)\]$")]
    private static partial Regex FileLevel();
}

/// <summary>Paths in the repository.</summary>
internal static class Repo
{
    /// <summary>The repository root (found from this source file's path).</summary>
    public static string Root { get; } = System.IO.Path.GetFullPath(System.IO.Path.Combine(ThisDirectory(), "..", ".."));

    /// <summary>A path under the root, given with '/' separators.</summary>
    public static string Path(string relative) => System.IO.Path.Combine([Root, .. relative.Split('/')]);

    private static string ThisDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") => System.IO.Path.GetDirectoryName(path)!;
}
