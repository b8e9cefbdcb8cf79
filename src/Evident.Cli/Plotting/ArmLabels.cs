using System.CommandLine;
using Evident.Rendering.Analysis;

namespace Evident.Cli.Plotting;

/// <summary>
/// <c>--arm-labels EXPERIMENTAL,CONTROL</c>, the names of the two arms, as the plots of two-arm data share it: over the
/// per-arm columns of a forest plot and its "favours" texts, in the axis titles of a L'Abbé plot.
/// </summary>
internal static class ArmLabels
{
    /// <summary>The names when none are given.</summary>
    public static IReadOnlyList<string> Default => ForestFavours.DefaultArms;

    /// <summary>A new <c>--arm-labels</c> option (one per command), its value the two trimmed names.</summary>
    public static Option<string[]?> Create(string description) => new("--arm-labels")
    {
        Description = description,
        HelpName = "EXPERIMENTAL,CONTROL",
        CustomParser = result =>
        {
            var parts = (result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty).Split(',', StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && parts.All(p => p.Length > 0))
            {
                return parts;
            }

            result.AddError("--arm-labels takes two names separated by a comma, e.g. Vaccine,Control.");
            return null;
        },
    };

    /// <summary>The two names given, or null.</summary>
    public static string[]? Given(ParseResult parseResult, Option<string[]?> option) => parseResult.GetValue(option) is { Length: 2 } given ? given : null;
}
