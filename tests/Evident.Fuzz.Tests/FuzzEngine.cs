using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Evident.Cli;

namespace Evident.Fuzz.Tests;

/// <summary>What a command prints on stdout, and so how it is judged.</summary>
internal enum Stdout
{
    /// <summary>A document for a file or a program (summarize's Markdown): not judged.</summary>
    Document,

    /// <summary>Text for the terminal (text tables, Markdown tables, check's text): no raw control character.</summary>
    Terminal,

    /// <summary><c>--format json</c>: one valid JSON document, or nothing.</summary>
    Json,

    /// <summary><c>--format csv</c>: no cell a spreadsheet would run as a formula (OWASP's CSV injection).</summary>
    Csv,
}

/// <summary>
/// One command the fuzzer drives: the seed files it mutates (a mutated copy is written under the seed's file name in a
/// fresh folder, the case folder, where the command also writes its files) and how the command is called with it.
/// Adding a command is one of these in <see cref="FuzzTargets"/>.
/// </summary>
/// <param name="Name">A short name for reports ("check", "summarize-about").</param>
/// <param name="Seeds">Seed inputs, as full paths.</param>
/// <param name="Arguments">The command line for the mutated file's full path (its folder is the case folder).</param>
/// <param name="Output">What stdout is, and so how it is judged.</param>
/// <param name="ExitCodes">The exit codes the command documents.</param>
/// <param name="Extension">The mutated file's extension when it is not the seed's (".txt" to read a Markdown seed as text).</param>
internal sealed record FuzzTarget(string Name, IReadOnlyList<string> Seeds, Func<string, string[]> Arguments, Stdout Output, IReadOnlySet<int> ExitCodes,
    string? Extension = null)
{
    /// <summary>
    /// The codes a message about the whole file (no line) may carry: for check and summarize only a file that cannot
    /// be read at all; for the table commands also the analysis-level issues, which name an outcome, not a row.
    /// </summary>
    public string FileLevelCodes { get; init; } = "file-not-found|file-unreadable";

    /// <summary>Whether the command writes files into the case folder (then "wrote FILE" lines are what it says when done).</summary>
    public bool Writes { get; init; }

    /// <summary>Seeds of another kind than the command reads (a studies CSV given to <c>plot rob</c>): never drawn with exit 0.</summary>
    public IReadOnlyList<string> WrongKind { get; init; } = [];

    /// <summary>Whether a mutated wrong-kind seed has become the right kind after all (a cell that is a judgement).</summary>
    public Func<string, bool> RightKind { get; init; } = _ => false;
}

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
    /// The CI run (20 cases per target, a few hundred in all, seeded, inputs up to 100 KB), or what the environment asks for:
    /// <c>FUZZ_CASES</c> (per target), <c>FUZZ_SEED</c>, <c>FUZZ_BIG</c> (bytes of a long line or run),
    /// <c>FUZZ_LIMIT</c> (seconds per case) and <c>FUZZ_SAVE</c> (a folder for the inputs that fail).
    /// </summary>
    public static FuzzSettings FromEnvironment() => new(
        Int("FUZZ_CASES", 20),
        Int("FUZZ_SEED", 20260114),
        Int("FUZZ_BIG", 100_000),
        TimeSpan.FromSeconds(Int("FUZZ_LIMIT", 30)),
        Environment.GetEnvironmentVariable("FUZZ_SAVE") is { Length: > 0 } dir ? dir : null);

    private static int Int(string name, int fallback)
        => int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : fallback;
}

/// <summary>
/// The fuzzer: mutates a target's seeds (<see cref="Mutations"/>), runs the real command in-process on a thread of its
/// own with a time limit, and flags what a command must never do (<see cref="Problems"/>).
/// </summary>
internal static partial class FuzzEngine
{
    /// <summary>Runs <paramref name="settings"/>.Cases cases of a target.</summary>
    public static List<FuzzCase> Run(FuzzTarget target, FuzzSettings settings)
    {
        var cases = new List<FuzzCase>();
        for (var i = 0; i < settings.Cases; i++)
        {
            var random = new Random(CaseSeed(settings.Seed, target.Name, i));
            var seed = target.Seeds[i % target.Seeds.Count];
            var bytes = File.ReadAllBytes(seed);
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

    /// <summary>
    /// The seed of one case's <see cref="Random"/>, the same in every process (FNV-1a over the run's seed, the target's
    /// name and the case's index; <see cref="HashCode"/> is randomised per process, so a case could not be made again).
    /// </summary>
    public static int CaseSeed(int seed, string target, int index)
    {
        var hash = 2166136261u;
        foreach (var c in $"{seed.ToString(CultureInfo.InvariantCulture)}/{target}/{index.ToString(CultureInfo.InvariantCulture)}")
        {
            hash = (hash ^ c) * 16777619u;
        }

        return unchecked((int)hash);
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
            var problems = Problems(target, run, settings.Limit, [.. args.Where(File.Exists)], new FuzzInput(seed, input, dir));
            if (problems.Count > 0 && settings.SaveTo is { } save)
            {
                Directory.CreateDirectory(save);
                File.WriteAllBytes(Path.Combine(save, $"{target.Name}-{index}{Path.GetExtension(seed)}"), input);
            }

            return new FuzzCase(target.Name, seed, index, what, kind, run, problems);
        }
        finally
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
                // A run abandoned past the time limit may still be writing into its folder; the folder is left to the system.
            }
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
