using System.CommandLine;
using Evident.Cli;

// Exceptions in a command are the command's (EvidentCommand.UsageAction); what is left is parsing, --help and
// --version, whose only failure is a stdout that cannot be written.
try
{
    return EvidentCommand.Create().Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (IOException e)
{
    Console.Error.WriteLine($"stdout: Cannot write the output: {e.Message} [{AnalysisIssueCodes.OutputUnwritable}]");
    return ExitCodes.InputUnreadable;
}
catch (Exception e) when (e is not OutOfMemoryException)
{
    Console.Error.WriteLine(Evident.Cli.Output.TerminalText.Escape(EvidentCommand.InternalErrorLine("evident", e)));
    if (EvidentCommand.DebugFromEnvironment() || args.Contains("--debug"))
    {
        Console.Error.WriteLine(e);
    }

    return ExitCodes.InternalError;
}
