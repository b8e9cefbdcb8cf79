namespace Evident.Analysis.Input;

/// <summary>
/// Maps CSV headers to metafor's escalc argument names (and <c>study</c>, <c>outcome</c>). Headers are matched
/// case-insensitively after removing <c>.</c>, <c>_</c>, <c>-</c> and spaces, so <c>Experimental.SD</c>,
/// <c>experimental_sd</c> and <c>Experimental SD</c> are the same. The README lists this table.
/// </summary>
public static class ColumnAliases
{
    /// <summary>The study label column.</summary>
    public const string Study = "study";

    /// <summary>The outcome column (one analysis per distinct value).</summary>
    public const string Outcome = "outcome";

    /// <summary>RevMan's <c>Applicability</c> column (SUBGROUP_AND_OVERALL, SUBGROUP_ONLY, OVERALL_ONLY).</summary>
    public const string Applicability = "applicability";

    /// <summary>Every input the command knows, with the headers accepted for it besides its own name.</summary>
    public static readonly (string Field, string[] Aliases)[] Table =
    [
        (Study, ["Study", "author", "authors", "study_id", "Study.name", "studlab", "slab", "trial"]),
        (Outcome, ["Outcome", "outcome_name", "Analysis.name"]),
        (Applicability, []),
        ("ai", ["Experimental.cases", "Experimental.events", "events1", "event.e", "tpos"]),
        ("bi", ["tneg"]),
        ("ci", ["Control.cases", "Control.events", "events2", "event.c", "cpos"]),
        ("di", ["cneg"]),
        ("n1i", ["Experimental.N", "n1", "n.e"]),
        ("n2i", ["Control.N", "n2", "n.c"]),
        ("m1i", ["Experimental.mean", "mean1", "mean.e"]),
        ("m2i", ["Control.mean", "mean2", "mean.c"]),
        ("sd1i", ["Experimental.SD", "sd1", "sd.e"]),
        ("sd2i", ["Control.SD", "sd2", "sd.c"]),
        ("x1i", []),
        ("x2i", []),
        ("t1i", []),
        ("t2i", []),
        ("ri", ["r", "cor"]),
        ("ni", ["n"]),
        ("xi", ["events"]),
        ("ti", ["time", "person.time"]),
        ("mi", ["mean"]),
        ("sdi", ["sd"]),
        ("yi", ["GIV.Mean", "TE", "estimate", "hr"]),
        ("vi", ["var"]),
        ("sei", ["GIV.SE", "se", "seTE"]),
        ("ci_lb", ["lower", "ci.lower", "ci.low"]),
        ("ci_ub", ["upper", "ci.upper", "ci.high"]),
        ("oei", ["O.E", "o_minus_e"]),
        ("vari", ["Variance"]),
        ("med1i", ["Experimental.median", "median1"]),
        ("q1_1i", ["Experimental.Q1"]),
        ("q3_1i", ["Experimental.Q3"]),
        ("min1i", ["Experimental.min"]),
        ("max1i", ["Experimental.max"]),
        ("med2i", ["Control.median", "median2"]),
        ("q1_2i", ["Control.Q1"]),
        ("q3_2i", ["Control.Q3"]),
        ("min2i", ["Control.min"]),
        ("max2i", ["Control.max"]),
        ("medi", ["median"]),
        ("q1i", ["q1"]),
        ("q3i", ["q3"]),
        ("mini", ["min"]),
        ("maxi", ["max"]),
    ];

    private static readonly Dictionary<string, string> ByHeader = BuildLookup();

    /// <summary>The input a header stands for (<c>ai</c>, <c>study</c>, …), or null if the command does not use it.</summary>
    public static string? Resolve(string header) => ByHeader.GetValueOrDefault(Normalize(header));

    /// <summary>Lower case without <c>.</c>, <c>_</c>, <c>-</c> and spaces.</summary>
    public static string Normalize(string name)
        => string.Concat(name.Where(c => c is not ('.' or '_' or '-' or ' '))).ToLowerInvariant();

    private static Dictionary<string, string> BuildLookup()
    {
        var lookup = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (field, aliases) in Table)
        {
            foreach (var name in aliases.Prepend(field))
            {
                if (!lookup.TryAdd(Normalize(name), field) && lookup[Normalize(name)] != field)
                {
                    throw new InvalidOperationException($"Header alias {name} is listed for two inputs.");
                }
            }
        }

        return lookup;
    }
}
