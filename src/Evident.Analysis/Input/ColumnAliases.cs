namespace Evident.Analysis.Input;

/// <summary>
/// Maps CSV headers to metafor's escalc argument names (and <c>study</c>, <c>outcome</c>). Headers are matched
/// case-insensitively after removing everything but letters and digits, so <c>Experimental.SD</c>,
/// <c>experimental_sd</c> and <c>Experimental SD</c> are the same. Besides the names of <see cref="Table"/>, a header
/// that is a group statistic and an arm, in either order (<c>N control</c>, <c>Mean 1</c>, <c>Intervention SD</c>,
/// <c>sd.c</c>), is recognised from <see cref="Statistics"/> and the arm words (<see cref="Group1"/>, <see cref="Group2"/>).
/// The README lists every name and word.
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
        (Study, ["Study", "author", "authors", "study_id", "Study.name", "studlab", "slab", "trial", "Study or Subgroup", "Name", "First author",
            "Author year", "Reference", "Citation", "Trial name", "Study label", "label"]),
        (Outcome, ["Outcome", "outcome_name", "Analysis.name", "Endpoint", "Outcome measure"]),
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
        ("ri", ["r", "cor", "correlation"]),
        ("ni", ["n", "total", "sample size", "total n"]),
        ("xi", ["events", "event", "cases"]),
        ("ti", ["time", "person.time", "person years"]),
        ("mi", ["mean"]),
        ("sdi", ["sd", "standard deviation"]),
        ("yi", ["GIV.Mean", "TE", "estimate", "hr", "effect size", "ES", "SMD", "Hedges g", "Cohens d", "log OR", "lnOR", "log RR", "lnRR",
            "log HR", "lnHR"]),
        ("vi", ["var", "sampling variance"]),
        ("sei", ["GIV.SE", "se", "seTE", "standard error", "std err"]),
        ("ci_lb", ["lower", "ci.lower", "ci.low", "lower CI", "CI lower", "lower 95% CI", "95% CI lower", "LCL", "LL", "lower limit", "lower bound"]),
        ("ci_ub", ["upper", "ci.upper", "ci.high", "upper CI", "CI upper", "upper 95% CI", "95% CI upper", "UCL", "UL", "upper limit", "upper bound"]),
        ("oei", ["O.E", "o_minus_e", "observed minus expected"]),
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

    /// <summary>
    /// Statistics of one group, with the input each gives for group 1 and for group 2, and the words a header may use
    /// for them; combined with an arm word (<see cref="Group1"/>, <see cref="Group2"/>) before or after them they name a
    /// column: <c>Experimental events</c>, <c>Events 1</c>, <c>N control</c>, <c>sd_t</c>.
    /// </summary>
    public static readonly (string Group1, string Group2, string[] Words)[] Statistics =
    [
        ("ai", "ci", ["events", "event", "cases", "responders", "no of events", "number of events", "n events"]),
        ("bi", "di", ["non-events", "nonevents", "non-cases", "noncases", "failures"]),
        ("n1i", "n2i", ["n", "total", "no of participants", "number of participants", "participants", "no of patients", "patients",
            "sample size", "size"]),
        ("m1i", "m2i", ["mean", "m", "average"]),
        ("sd1i", "sd2i", ["sd", "s.d.", "std", "stdev", "std dev", "standard deviation"]),
        ("med1i", "med2i", ["median"]),
    ];

    /// <summary>Words for the first (experimental) arm.</summary>
    public static readonly string[] Group1 = ["experimental", "exp", "e", "intervention", "int", "treatment", "treated", "trt", "tx", "t", "active", "1",
        "group 1", "arm 1", "g1"];

    /// <summary>Words for the second (control) arm.</summary>
    public static readonly string[] Group2 = ["control", "ctrl", "c", "placebo", "pbo", "comparator", "usual care", "standard care", "sham", "2",
        "group 2", "arm 2", "g2"];

    /// <summary>The characters of the longest statistic word, normalized (<see cref="Normalize"/>).</summary>
    private static readonly int LongestStatistic = Statistics.SelectMany(s => s.Words).Max(w => Normalize(w).Length);

    private static readonly Dictionary<string, string> ByHeader = BuildLookup();

    /// <summary>The input a header stands for (<c>ai</c>, <c>study</c>, …), or null if the command does not use it.</summary>
    public static string? Resolve(string header) => ByHeader.GetValueOrDefault(Normalize(header));

    /// <summary>Lower case, letters and digits only.</summary>
    public static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return string.Concat(name.Where(char.IsLetterOrDigit)).ToLowerInvariant();
    }

    /// <summary>Every header accepted for <paramref name="field"/>, normalized (<see cref="Normalize"/>).</summary>
    public static IEnumerable<string> NamesOf(string field) => ByHeader.Where(e => e.Value == field).Select(e => e.Key);

    /// <summary>The name of every input (<see cref="Table"/>'s fields).</summary>
    public static IEnumerable<string> Fields => Table.Select(t => t.Field);

    /// <summary>
    /// The group statistic a header names with an arm that is not a known arm word (<c>Mean RMT</c>: the mean of arm
    /// "rmt"), as (statistic index in <see cref="Statistics"/>, the arm normalized); null when it is not such a header.
    /// </summary>
    internal static (int Statistic, string Arm)? SplitStatistic(string header)
    {
        var tokens = Tokens(header);
        if (tokens.Count < 2)
        {
            return null;
        }

        // The longest statistic phrase at the start or at the end; the rest is the arm. A phrase of more tokens than a
        // statistic word has characters cannot be one, so a header of thousands of words is not tried at every length.
        for (var length = Math.Min(tokens.Count - 1, LongestStatistic); length >= 1; length--)
        {
            foreach (var (phrase, arm) in new[] { (tokens.Take(length), tokens.Skip(length)), (tokens.Skip(tokens.Count - length), tokens.Take(tokens.Count - length)) })
            {
                var stat = string.Concat(phrase);
                for (var s = 0; s < Statistics.Length; s++)
                {
                    if (Statistics[s].Words.Any(w => Normalize(w) == stat))
                    {
                        return (s, string.Concat(arm));
                    }
                }
            }
        }

        return null;
    }

    /// <summary>The words of a header: runs of letters or digits, lower case.</summary>
    private static List<string> Tokens(string header)
    {
        var tokens = new List<string>();
        var current = new System.Text.StringBuilder();
        foreach (var c in header)
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToLowerInvariant(c));
            }
            else if (current.Length > 0)
            {
                tokens.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            tokens.Add(current.ToString());
        }

        return tokens;
    }

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

        // Statistic and arm, in either order. An arm of one letter or a digit only after the statistic (n.e, mean1):
        // before it (cm, 1n) it would be too easy to misread.
        var generated = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (group1, group2, words) in Statistics)
        {
            foreach (var (field, arms) in new[] { (group1, Group1), (group2, Group2) })
            {
                foreach (var word in words.Select(Normalize))
                {
                    foreach (var arm in arms.Select(Normalize))
                    {
                        Generate(generated, word + arm, field);
                        if (arm.Length > 1 && !char.IsAsciiDigit(arm[^1]))
                        {
                            Generate(generated, arm + word, field);
                        }
                    }
                }
            }
        }

        foreach (var (name, field) in generated)
        {
            if (field is not null)
            {
                lookup.TryAdd(name, field);
            }
        }

        return lookup;
    }

    /// <summary>Adds a generated name; one generated for two inputs is ambiguous and left out (null).</summary>
    private static void Generate(Dictionary<string, string?> generated, string name, string field)
    {
        if (!generated.TryAdd(name, field) && generated[name] != field)
        {
            generated[name] = null;
        }
    }
}
