namespace Evident.Core.EffectSizes;

/// <summary>Comparisons of one study that share an arm (or, for duplicates, both arms).</summary>
/// <param name="Study">The study label as given in the first of the rows.</param>
/// <param name="Rows">0-based positions of the comparisons in the input list, ascending.</param>
public sealed record SharedArmGroup(string Study, IReadOnlyList<int> Rows);

/// <summary>What <see cref="SharedControl.Detect"/> found.</summary>
/// <param name="SharedControls">Control groups used by several comparisons (each with a <c>shared-control</c> warning per row).</param>
/// <param name="Duplicates">Comparisons entered more than once: same label, identical data in both arms (<c>duplicate-comparison</c>).</param>
/// <param name="Issues">One <c>shared-control</c> warning per row of a shared control, one <c>duplicate-comparison</c> warning per repeated row.</param>
public sealed record SharedControlScan(
    IReadOnlyList<SharedArmGroup> SharedControls, IReadOnlyList<SharedArmGroup> Duplicates, IReadOnlyList<Issue> Issues);

/// <summary>One comparison whose control group was divided among the comparisons sharing it.</summary>
/// <param name="Row">0-based position of the comparison in the input list.</param>
/// <param name="Study">Its study label.</param>
/// <param name="Comparisons">How many comparisons share the control group (the divisor).</param>
/// <param name="OriginalN">The control group's size before (n2i, or ci + di).</param>
/// <param name="NewN">Its size after: <paramref name="OriginalN"/> / <paramref name="Comparisons"/>.</param>
/// <param name="OriginalEvents">The control group's events before (ci), or null for continuous data.</param>
/// <param name="NewEvents">Its events after, or null for continuous data.</param>
public sealed record SharedControlChange(
    int Row, string Study, int Comparisons, double OriginalN, double NewN, double? OriginalEvents, double? NewEvents);

/// <summary>The result of <see cref="SharedControl.Split"/>.</summary>
/// <param name="Studies">The input studies with every shared control group divided (the others unchanged), in input order.</param>
/// <param name="Changes">One entry per changed comparison, in input order.</param>
/// <param name="Scan">What was detected.</param>
/// <param name="Issues">One <c>shared-control-split</c> info per changed comparison and the scan's <c>duplicate-comparison</c> warnings.</param>
public sealed record SharedControlSplit(
    IReadOnlyList<StudyInput> Studies, IReadOnlyList<SharedControlChange> Changes, SharedControlScan Scan, IReadOnlyList<Issue> Issues);
