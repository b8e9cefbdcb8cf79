using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using Evident.Cli.Output;

namespace Evident.Cli;

/// <summary>How every command runs: usage errors, the streams it writes to, and failures.</summary>
internal static partial class EvidentCommand
{
    /// <summary>The environment variable that, set to anything but empty or 0, prints an internal error's details as <c>--debug</c> does.</summary>
    public const string DebugVariable = "EVIDENT_DEBUG";

    /// <summary><c>--debug</c>, on every command: an internal error prints its stack trace.</summary>
    public static readonly Option<bool> Debug = new("--debug")
    {
        Description = $"On an internal error (exit 70), print its stack trace as well (as {DebugVariable}=1 does).",
        Recursive = true,
    };

    /// <summary>Prints a usage error and the help hint; returns <see cref="ExitCodes.UsageError"/>.</summary>
    internal static int Usage(TextWriter error, string message, string command)
    {
        error.WriteLine(message);
        error.WriteLine($"Run 'evident {command} --help' for usage.");
        return ExitCodes.UsageError;
    }

    /// <summary>
    /// The one line an internal error prints: which command failed, that it is a bug, and how to report it
    /// (<c>internal-error</c>).
    /// </summary>
    internal static string InternalErrorLine(string command, Exception e)
        => $"{command}: internal error ({e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}). This is a bug in Evident: please report it with "
            + $"the command line and, if you can, the input; --debug or {DebugVariable}=1 prints the details. [{AnalysisIssueCodes.InternalError}]";

    /// <summary>Whether <c>EVIDENT_DEBUG</c> asks for an internal error's details.</summary>
    internal static bool DebugFromEnvironment()
        => Environment.GetEnvironmentVariable(DebugVariable) is { Length: > 0 } value && value != "0";

    /// <summary>The command as typed: <c>evident plot forest</c>.</summary>
    private static string CommandPath(Command command)
    {
        var names = new List<string>();
        for (Symbol? s = command; s is Command c; s = c.Parents.FirstOrDefault())
        {
            names.Insert(0, c is RootCommand ? "evident" : c.Name);
        }

        return string.Join(' ', names);
    }

    /// <summary>The checks of each command's options together (<see cref="Check"/>).</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Command, List<Func<ParseResult, (int ExitCode, string Line)?>>> Checks = [];

    /// <summary>
    /// Adds a check of <paramref name="command"/>'s options that runs before its action: null when they are fine, else
    /// the exit code (<see cref="ExitCodes.UsageError"/>, or <see cref="ExitCodes.InputUnreadable"/> for a file that
    /// does not exist) and the line to print.
    /// </summary>
    /// <remarks>
    /// Implementation note: not System.CommandLine's <c>Command.Validators</c>: in 2.0.0 an error a validator adds
    /// leaves every option without its default value (an unset <c>--level</c> reads 0) and does not reach
    /// <see cref="UsageAction"/>, so the action ran on zeros and reported the wrong option.
    /// </remarks>
    internal static void Check(Command command, Func<ParseResult, (int ExitCode, string Line)?> check)
        => Checks.GetOrCreateValue(command).Add(check);

    /// <summary>A check's result for a file option naming a file that does not exist (exit 3, <c>file-not-found</c>).</summary>
    internal static (int ExitCode, string Line)? MissingFile(string option, string? path)
        => path is null || File.Exists(path) ? null
            : (ExitCodes.InputUnreadable, new AnalysisIssue(path, null, null, null, AnalysisIssueCodes.FileNotFound, Core.IssueSeverity.Error,
                $"The file does not exist (given to {option}).").ToString());

    /// <summary>
    /// Runs a command: every parse error becomes a short message with a "did you mean" where one is near, and exit code
    /// 2 (System.CommandLine's own error action prints the whole help and returns 1, which here means "nothing could be
    /// analysed"); the command writes to stderr through <see cref="TerminalWriter"/> and to stdout through
    /// <see cref="OutputGuard"/> (and a <see cref="TerminalWriter"/> when stdout is a terminal); a stdout that cannot be
    /// written is exit 3, and any other exception an internal error, exit 70, in one line (the stack trace with
    /// <c>--debug</c>). A null <paramref name="run"/> means a command that only groups subcommands.
    /// </summary>
    internal sealed class UsageAction(Func<ParseResult, TextWriter, TextWriter, int>? run) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            var configuration = parseResult.InvocationConfiguration;
            var error = TerminalWriter.For(configuration.Error);
            var rawOutput = configuration.Output;
            var output = new OutputGuard(ReferenceEquals(rawOutput, Console.Out) && !Console.IsOutputRedirected ? new TerminalWriter(rawOutput) : rawOutput);
            var command = parseResult.CommandResult.Command;
            try
            {
                var messages = UsageMessages(parseResult, run is null);
                if (messages.Count > 0)
                {
                    messages.ForEach(error.WriteLine);
                    error.WriteLine($"Run '{CommandPath(command)} --help' for usage.");
                    return ExitCodes.UsageError;
                }

                if (Checks.TryGetValue(command, out var checks) && checks.Select(c => c(parseResult)).FirstOrDefault(c => c is not null) is var (exitCode, line))
                {
                    error.WriteLine(line);
                    if (exitCode == ExitCodes.UsageError)
                    {
                        error.WriteLine($"Run '{CommandPath(command)} --help' for usage.");
                    }

                    return exitCode;
                }

                return run!(parseResult, output, error);
            }
            catch (OutputUnwritableException e)
            {
                error.WriteLine(new AnalysisIssue("stdout", null, null, null, AnalysisIssueCodes.OutputUnwritable, Core.IssueSeverity.Error, $"Cannot write the output: {e.Message}"));
                return ExitCodes.InputUnreadable;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                error.WriteLine(InternalErrorLine(CommandPath(command), e));
                if (parseResult.GetValue(Debug) || DebugFromEnvironment())
                {
                    error.Write(e + Environment.NewLine); // the stack trace, on its lines
                }

                return ExitCodes.InternalError;
            }
            finally
            {
                error.Flush();
            }
        }

        /// <summary>
        /// The usage errors of a parse, one short line each: the parse's own errors (a bad option value says which
        /// values there are, and the nearest), then each token nothing took (an unknown option or command, with the
        /// nearest name of the command's options or subcommands), or that a grouping command needs a subcommand.
        /// </summary>
        private static List<string> UsageMessages(ParseResult parseResult, bool grouping)
        {
            var command = parseResult.CommandResult.Command;
            var unmatched = parseResult.UnmatchedTokens;
            var messages = parseResult.Errors
                .Where(e => !(e.SymbolResult is null or CommandResult && (grouping || unmatched.Any(t => e.Message.Contains($"'{t}'", StringComparison.Ordinal)))))
                .Select(e => e.Message)
                .ToList();
            var subcommands = command.Subcommands.SelectMany(c => c.Aliases.Prepend(c.Name)).ToList();
            var options = OptionNames(command).ToList();
            var previousWasOption = false;
            foreach (var token in InOrder(parseResult))
            {
                if (token is null)
                {
                    previousWasOption = false;
                    continue;
                }

                if (token.StartsWith('-') && token.Length > 1)
                {
                    var name = token.Split('=', ':')[0];
                    messages.Add(Suggestions.Closest(name, options) is { } option
                        ? $"Unknown option '{name}'; did you mean '{option}'?"
                        : $"Unknown option '{name}'.");
                    previousWasOption = true;
                }
                else if (grouping)
                {
                    var names = string.Join(", ", command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name));
                    messages.Add(Suggestions.Closest(token, subcommands) is { } sub
                        ? $"'{token}' is not a command of '{CommandPath(command)}'; did you mean '{sub}'?"
                        : $"'{token}' is not a command of '{CommandPath(command)}'; the commands are {names}.");
                    break; // what follows belongs to the command meant
                }
                else if (!previousWasOption)
                {
                    messages.Add($"Unexpected argument '{token}'.");
                }
                else
                {
                    previousWasOption = false; // the mistyped option's value
                }
            }

            if (grouping && messages.Count == 0)
            {
                messages.Add($"'{CommandPath(command)}' needs a command: {string.Join(", ", command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name))}.");
            }

            return [.. messages.Distinct()];
        }

        /// <summary>The tokens of the command line in order: an unmatched one as itself, a matched one as null.</summary>
        private static IEnumerable<string?> InOrder(ParseResult parseResult)
        {
            var unmatched = new Queue<string>(parseResult.UnmatchedTokens);
            foreach (var token in parseResult.Tokens)
            {
                if (unmatched.Count > 0 && token.Value == unmatched.Peek())
                {
                    yield return unmatched.Dequeue();
                }
                else
                {
                    yield return null;
                }
            }

            while (unmatched.Count > 0)
            {
                yield return unmatched.Dequeue();
            }
        }

        /// <summary>The names and aliases of the options a command takes, its own and those its parents pass down.</summary>
        private static IEnumerable<string> OptionNames(Command command)
        {
            foreach (var option in command.Options.Where(o => !o.Hidden))
            {
                yield return option.Name;
                foreach (var alias in option.Aliases)
                {
                    yield return alias;
                }
            }

            for (var parent = command.Parents.OfType<Command>().FirstOrDefault(); parent is not null; parent = parent.Parents.OfType<Command>().FirstOrDefault())
            {
                foreach (var option in parent.Options.Where(o => o.Recursive && !o.Hidden))
                {
                    yield return option.Name;
                }
            }
        }
    }
}
