using System.CommandLine;
using Evident.Rendering.Analysis;

namespace Evident.Cli.Plotting;

/// <summary>
/// The options that say what a forest plot writes beside its data, one definition shared by <c>plot forest</c> and
/// <c>report</c>: <c>--favours-left</c>, <c>--favours-right</c>, <c>--arm-labels</c> and <c>--rob</c>.
/// </summary>
/// <remarks>
/// The "favours" texts follow one rule, <see cref="ForestFavours"/>'s: with <c>--arm-labels</c> the names as typed,
/// without it the default names in lower case; <c>--favours-left</c> and <c>--favours-right</c> replace the texts whole.
/// </remarks>
internal sealed class ForestFigureOptions
{
    /// <summary><c>--favours-left TEXT</c>.</summary>
    public Option<string?> FavoursLeft { get; } = new("--favours-left")
    {
        Description = "Text under the forest plot's axis left of the null line (RevMan layout default: Favours experimental, or Favours NAME with --arm-labels).",
        HelpName = "TEXT",
    };

    /// <summary><c>--favours-right TEXT</c>.</summary>
    public Option<string?> FavoursRight { get; } = new("--favours-right")
    {
        Description = "Text under the forest plot's axis right of the null line (RevMan layout default: Favours control, or Favours NAME with --arm-labels).",
        HelpName = "TEXT",
    };

    /// <summary><c>--arm-labels EXPERIMENTAL,CONTROL</c>.</summary>
    public Option<string[]?> Arms { get; } = ArmLabels.Create(
        "Names of the two arms over the per-arm columns and in the favours texts, used as typed (default Experimental,Control, "
        + "written \"Favours experimental\" and \"Favours control\").");

    /// <summary><c>--rob FILE</c>.</summary>
    public Option<string?> Rob { get; } = new("--rob")
    {
        Description = "Risk-of-bias judgements to show beside the studies: a CSV in robvis's layout (Study,D1,...,Dn,Overall), matched to the study labels.",
        HelpName = "FILE",
    };

    /// <summary>Adds the options to <paramref name="command"/>, with a check that a <c>--rob</c> file exists.</summary>
    public Command AddTo(Command command)
    {
        foreach (var option in new Option[] { FavoursLeft, FavoursRight, Arms, Rob })
        {
            command.Options.Add(option);
        }

        EvidentCommand.Check(command, parseResult => EvidentCommand.MissingFile("--rob", parseResult.GetValue(Rob)));
        return command;
    }

    /// <summary>The arms' names: those given, or the defaults.</summary>
    public IReadOnlyList<string> ArmNames(ParseResult parseResult) => ArmLabels.Given(parseResult, Arms) ?? ArmLabels.Default;

    /// <summary>
    /// The favours texts under the axis: those given, else for the RevMan layout of a measure with a null value
    /// "Favours" and each arm's name (<see cref="ForestFavours"/>); null for none.
    /// </summary>
    public (string? Left, string? Right) Favours(ParseResult parseResult, bool revman, bool hasNull)
        => ForestFavours.Favours(parseResult.GetValue(FavoursLeft), parseResult.GetValue(FavoursRight), ArmLabels.Given(parseResult, Arms), revman, hasNull);
}
