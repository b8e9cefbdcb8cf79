using System.Buffers;
using System.Text;
using static Evident.Core.EffectSizes.StudyScope;

namespace Evident.Core.EffectSizes;

/// <summary>
/// Multi-arm trials in a pairwise analysis: a control group shared by several comparisons of the same study is counted
/// once per comparison (a unit-of-analysis error; Higgins, Eldridge &amp; Li, Cochrane Handbook v6.5, §23.3.4). Detects such
/// groups and, on request, divides them among their comparisons as the Handbook describes.
/// </summary>
/// <remarks>
/// <para>
/// A control group is shared when two or more comparisons have the same study label and identical control-arm data:
/// binary measures (OR, RR, RD, PETO) the events <c>ci</c> and the size (<c>ci + di</c>, or <c>n2i</c>); continuous
/// measures (MD, SMD, SMDH, SMD1, ROM) <c>m2i</c>, <c>sd2i</c> and <c>n2i</c>. Labels are compared after trimming,
/// collapsing inner white space and ignoring case ("Smith 2001" = "smith  2001 "); comparisons without a label are never
/// grouped. Only comparisons whose both arms are complete take part (a comparison that cannot be computed does not use
/// the control group). Other measures (single-group, correlations, person-time, GEN) have no control arm here and give
/// an empty scan.
/// </para>
/// <para>
/// Comparisons with the same label and identical data in <em>both</em> arms are not a shared control but the same
/// comparison entered twice (or a data error): they are reported as <c>duplicate-comparison</c> and never split. When a
/// control group is shared by comparisons of which some are duplicates of each other, it is a shared control counted
/// over all its rows, and the duplicates are reported as well.
/// </para>
/// <para>
/// Equal data in two comparisons of one study is evidence, not proof: an analysis whose subgroups are different outcomes
/// (adverse events, say) can show the same control arm by coincidence, typically 0 events of the same n. The scan flags
/// such rows too; splitting is therefore only done on request.
/// </para>
/// </remarks>
public static class SharedControl
{
    /// <summary>Finds control groups shared by several comparisons of one analysis, and duplicated comparisons.</summary>
    /// <param name="measure">The analysis's measure: says which fields are the control arm.</param>
    /// <param name="studies">The comparisons of one analysis, with their study labels.</param>
    public static SharedControlScan Detect(EffectMeasure measure, IReadOnlyList<StudyInput> studies)
    {
        ArgumentNullException.ThrowIfNull(studies);
        var arms = ArmsOf(measure);
        if (arms is null || !AnyLabelRepeats(studies))
        {
            return new SharedControlScan([], [], []);
        }

        // Group rows by (label, control arm); within a group, by experimental arm.
        var groups = new Dictionary<(string Label, Arm Control), List<int>>();
        var order = new List<(string, Arm)>();
        for (var i = 0; i < studies.Count; i++)
        {
            var s = studies[i];
            if (Normalize(s.Study) is not { } label || arms.Value.Control(s) is not { } control || arms.Value.Experimental(s) is null)
            {
                continue;
            }

            var key = (label, control);
            if (!groups.TryGetValue(key, out var rows))
            {
                groups[key] = rows = [];
                order.Add(key);
            }

            rows.Add(i);
        }

        var shared = new List<SharedArmGroup>();
        var duplicates = new List<SharedArmGroup>();
        var issues = new List<Issue>();
        foreach (var key in order)
        {
            var rows = groups[key];
            if (rows.Count < 2)
            {
                continue;
            }

            var label = studies[rows[0]].Study!;
            var byExperimental = rows.GroupBy(i => arms.Value.Experimental(studies[i])!.Value).Select(g => g.ToList()).ToList();
            if (byExperimental.Count >= 2)
            {
                shared.Add(new SharedArmGroup(label, rows));
                foreach (var i in rows)
                {
                    issues.Add(new Issue(IssueCodes.SharedControl, IssueSeverity.Warning,
                        Inv($"The control group of study '{label}' is used in {rows.Count} comparisons of this analysis (identical control-arm data); its participants are counted {rows.Count} times. Divide it among the comparisons or combine the experimental arms (Cochrane Handbook §23.3.4)."),
                        i, arms.Value.SizeField));
                }
            }

            foreach (var same in byExperimental.Where(g => g.Count >= 2))
            {
                duplicates.Add(new SharedArmGroup(label, same));
                foreach (var i in same.Skip(1))
                {
                    issues.Add(new Issue(IssueCodes.DuplicateComparison, IssueSeverity.Warning,
                        Inv($"This comparison repeats an earlier comparison of study '{label}' ({same.Count} in all): the same label and identical data in both arms. Entered twice? It is not treated as a shared control."),
                        i));
                }
            }
        }

        return new SharedControlScan(shared, duplicates, issues.OrderBy(i => i.StudyIndex).ToList());
    }

    /// <summary>
    /// Divides every shared control group (<see cref="Detect"/>) equally among the m comparisons sharing it, as the
    /// Cochrane Handbook §23.3.4 describes: for binary data the events and the size (so also the non-events), for
    /// continuous data the size only, means and SDs unchanged. The results may be fractions (13 events of 50 shared by
    /// 2 comparisons become 6.5 of 25): the Handbook's "approximately evenly" allows whole numbers, but an exact division
    /// treats the comparisons alike and keeps the totals; the effect-size code takes non-integer counts.
    /// </summary>
    /// <remarks>
    /// A size that falls below 1 after division is kept; the effect-size code then reports <c>sample-size-too-small</c>.
    /// The split removes the double counting of participants but not the correlation between the comparisons (Handbook).
    /// </remarks>
    /// <param name="measure">The analysis's measure.</param>
    /// <param name="studies">The comparisons of one analysis.</param>
    public static SharedControlSplit Split(EffectMeasure measure, IReadOnlyList<StudyInput> studies)
    {
        var scan = Detect(measure, studies);
        var result = studies.ToArray();
        var changes = new List<SharedControlChange>();
        var issues = scan.Issues.Where(i => i.Code == IssueCodes.DuplicateComparison).ToList();
        var binary = ArmsOf(measure)!.Value.Binary;
        foreach (var group in scan.SharedControls)
        {
            var m = group.Rows.Count;
            foreach (var i in group.Rows)
            {
                var s = studies[i];
                SharedControlChange change;
                if (binary)
                {
                    var events = s.Ci!.Value;
                    var n = events + (s.Di ?? (s.N2i!.Value - events));
                    result[i] = s with
                    {
                        Ci = events / m,
                        Di = s.Di is { } d ? d / m : null,
                        N2i = s.N2i is { } n2 ? n2 / m : null,
                    };
                    change = new SharedControlChange(i, group.Study, m, n, n / m, events, events / m);
                }
                else
                {
                    var n = s.N2i!.Value;
                    result[i] = s with { N2i = n / m };
                    change = new SharedControlChange(i, group.Study, m, n, n / m, null, null);
                }

                changes.Add(change);
                issues.Add(new Issue(IssueCodes.SharedControlSplit, IssueSeverity.Info, Describe(change), i, binary ? "ci" : "n2i"));
            }
        }

        return new SharedControlSplit(
            result, changes.OrderBy(c => c.Row).ToList(), scan, issues.OrderBy(i => i.StudyIndex).ToList());
    }

    private static string Describe(SharedControlChange c)
    {
        var text = new StringBuilder(Inv($"The control group of study '{c.Study}' is shared by {c.Comparisons} comparisons and was divided among them: n {c.OriginalN} → {c.NewN:G6}"));
        if (c.OriginalEvents is { } before && c.NewEvents is { } after)
        {
            text.Append(Inv($", events {before} → {after:G6}"));
        }

        return text.Append(" (Cochrane Handbook §23.3.4).").ToString();
    }

    /// <summary>A study label for grouping: trimmed, inner white space collapsed, upper case; null when blank.</summary>
    /// <summary>
    /// Whether two studies may carry the same label as <see cref="Normalize"/> compares them, from hashes: the common
    /// case, every label distinct, costs one pass and no allocation. A label whose white space is already single spaces
    /// is hashed as it is (ordinal, ignoring case: equal after <see cref="Normalize"/> means equal this way); any other
    /// is normalized first.
    /// </summary>
    private static bool AnyLabelRepeats(IReadOnlyList<StudyInput> studies)
    {
        if (studies.Count < 2)
        {
            return false;
        }

        var seen = new HashSet<int>(studies.Count);
        foreach (var study in studies)
        {
            if (study.Study is not { } label)
            {
                continue;
            }

            var span = label.AsSpan().Trim();
            var hash = span.ContainsAny(OddWhiteSpace) || span.IndexOf("  ", StringComparison.Ordinal) >= 0
                ? string.GetHashCode(Normalize(label), StringComparison.OrdinalIgnoreCase)
                : string.GetHashCode(span, StringComparison.OrdinalIgnoreCase);
            if (!seen.Add(hash))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>White space other than the plain space (which <see cref="Normalize"/> turns into one space).</summary>
    private static readonly SearchValues<char> OddWhiteSpace = SearchValues.Create("\t\n\v\f\r\u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000");

    private static string? Normalize(string? label)
    {
        if (string.IsNullOrWhiteSpace(label))
        {
            return null;
        }

        return string.Join(' ', label.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();
    }

    /// <summary>An arm's data as a comparable value (events and size, or mean, SD and size).</summary>
    private readonly record struct Arm(double A, double B, double C);

    private readonly record struct Arms(bool Binary, Func<StudyInput, Arm?> Control, Func<StudyInput, Arm?> Experimental, string SizeField);

    private static Arms? ArmsOf(EffectMeasure measure) => measure switch
    {
        EffectMeasure.OR or EffectMeasure.RR or EffectMeasure.RD or EffectMeasure.PETO =>
            new Arms(true, s => Binary(s.Ci, s.Di, s.N2i), s => Binary(s.Ai, s.Bi, s.N1i), "n2i"),
        EffectMeasure.MD or EffectMeasure.SMD or EffectMeasure.SMDH or EffectMeasure.ROM =>
            new Arms(false, s => Continuous(s.M2i, s.Sd2i, s.N2i), s => Continuous(s.M1i, s.Sd1i, s.N1i), "n2i"),
        // Glass's Δ needs no SD in group 1; 0 stands for "not used" so that arms still compare.
        EffectMeasure.SMD1 =>
            new Arms(false, s => Continuous(s.M2i, s.Sd2i, s.N2i), s => Continuous(s.M1i, 0, s.N1i), "n2i"),
        _ => null,
    };

    /// <summary>(events, non-events from the given non-events or the size, 0) as the 2×2 code reads them; null if incomplete.</summary>
    private static Arm? Binary(double? events, double? nonEvents, double? size)
    {
        if (Optional(events) is not { } e)
        {
            return null;
        }

        var other = Optional(nonEvents) ?? (Optional(size) is { } n ? n - e : null);
        return other is { } o && double.IsFinite(e) && double.IsFinite(o) ? new Arm(e, o, 0) : null;
    }

    private static Arm? Continuous(double? mean, double? sd, double? size) =>
        Optional(mean) is { } m && Optional(sd) is { } s && Optional(size) is { } n && double.IsFinite(m) && double.IsFinite(s) && double.IsFinite(n)
            ? new Arm(m, s, n)
            : null;
}
