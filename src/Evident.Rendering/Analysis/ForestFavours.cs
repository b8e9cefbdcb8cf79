namespace Evident.Rendering.Analysis;

/// <summary>
/// The "favours" texts under a forest plot's axis and the arms' default names, one rule for <c>plot forest</c> and the
/// report.
/// </summary>
/// <remarks>
/// With arm names given, they are used as typed ("Favours Vaccine", "Favours control" if the user typed "control"), as
/// RevMan writes "Favours [experimental]" with the review's own names; without them the default names are written in
/// lower case after "Favours" (Favours experimental, Favours control), as RevMan's defaults read. Texts given for the
/// left and right replace them whole.
/// </remarks>
public static class ForestFavours
{
    /// <summary>The arms' names when none are given: Experimental, Control.</summary>
    public static IReadOnlyList<string> DefaultArms { get; } = ["Experimental", "Control"];

    /// <summary>
    /// The favours texts from the values given (null: not given): <paramref name="left"/> and <paramref name="right"/> as
    /// given, else for the RevMan layout of a measure with a null value "Favours" and each arm's name (<see cref="Text"/>);
    /// null for none.
    /// </summary>
    /// <param name="left">The text left of the null line, or null.</param>
    /// <param name="right">The text right of the null line, or null.</param>
    /// <param name="arms">The two arms' names as given, or null for the defaults.</param>
    /// <param name="revman">Whether the plot has RevMan's layout.</param>
    /// <param name="hasNull">Whether the measure has a value of no effect (<see cref="Plots.Forest.ForestPlotData.NullValue"/>).</param>
    public static (string? Left, string? Right) Favours(string? left, string? right, IReadOnlyList<string>? arms, bool revman, bool hasNull)
    {
        var defaults = revman && hasNull;
        return (left ?? (defaults ? Text(arms, 0) : null), right ?? (defaults ? Text(arms, 1) : null));
    }

    /// <summary>"Favours" and arm <paramref name="arm"/>'s name: as typed when names were given, the default's lower case otherwise.</summary>
    /// <param name="given">The two arms' names as given, or null.</param>
    /// <param name="arm">0 for the experimental arm, 1 for the control arm.</param>
    public static string Text(IReadOnlyList<string>? given, int arm)
        => "Favours " + (given is { Count: 2 } ? given[arm] : DefaultArms[arm].ToLowerInvariant());
}
