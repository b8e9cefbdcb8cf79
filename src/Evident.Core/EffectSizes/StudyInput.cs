namespace Evident.Core.EffectSizes;

/// <summary>
/// One study's raw data, with metafor's <c>escalc</c> argument names. Every value is optional; the measure says
/// which are needed (<see cref="EffectSizes.InputSets"/>).
/// </summary>
public sealed record StudyInput
{
    /// <summary>Study label.</summary>
    public string? Study { get; init; }

    /// <summary>2×2 table: events in group 1.</summary>
    public double? Ai { get; init; }
    /// <summary>2×2 table: non-events in group 1.</summary>
    public double? Bi { get; init; }
    /// <summary>2×2 table: events in group 2.</summary>
    public double? Ci { get; init; }
    /// <summary>2×2 table: non-events in group 2.</summary>
    public double? Di { get; init; }
    /// <summary>Group 1 size.</summary>
    public double? N1i { get; init; }
    /// <summary>Group 2 size.</summary>
    public double? N2i { get; init; }

    /// <summary>Group 1 mean (or post-test mean for MC/SMCC/SMCR).</summary>
    public double? M1i { get; init; }
    /// <summary>Group 2 mean (or pre-test mean).</summary>
    public double? M2i { get; init; }
    /// <summary>Group 1 SD.</summary>
    public double? Sd1i { get; init; }
    /// <summary>Group 2 SD.</summary>
    public double? Sd2i { get; init; }

    /// <summary>Events in group 1 (person-time data).</summary>
    public double? X1i { get; init; }
    /// <summary>Events in group 2 (person-time data).</summary>
    public double? X2i { get; init; }
    /// <summary>Person-time in group 1.</summary>
    public double? T1i { get; init; }
    /// <summary>Person-time in group 2.</summary>
    public double? T2i { get; init; }

    /// <summary>Correlation (COR/UCOR/ZCOR) or pre-post correlation (MC/SMCC/SMCR).</summary>
    public double? Ri { get; init; }
    /// <summary>Sample size (single group).</summary>
    public double? Ni { get; init; }
    /// <summary>Events (single group).</summary>
    public double? Xi { get; init; }
    /// <summary>Person-time (single group).</summary>
    public double? Ti { get; init; }
    /// <summary>Mean (single group).</summary>
    public double? Mi { get; init; }
    /// <summary>SD (single group).</summary>
    public double? Sdi { get; init; }

    /// <summary>Generic effect estimate (GEN).</summary>
    public double? Yi { get; init; }
    /// <summary>Generic sampling variance (GEN).</summary>
    public double? Vi { get; init; }
    /// <summary>Generic standard error (GEN).</summary>
    public double? Sei { get; init; }
    /// <summary>Observed minus expected events (O − E) of a study reported as O − E and variance (Yusuf et al. 1985).</summary>
    public double? Oei { get; init; }
    /// <summary>The variance V of O − E (the hypergeometric or log-rank variance).</summary>
    public double? Vari { get; init; }
    /// <summary>Lower CI bound for a GEN estimate given with its CI instead of an SE.</summary>
    public double? CiLb { get; init; }
    /// <summary>Upper CI bound for a GEN estimate given with its CI instead of an SE.</summary>
    public double? CiUb { get; init; }

    /// <summary>Group 1 median (for <see cref="MedianConversion"/>).</summary>
    public double? Med1i { get; init; }
    /// <summary>Group 1 first quartile.</summary>
    public double? Q1_1i { get; init; }
    /// <summary>Group 1 third quartile.</summary>
    public double? Q3_1i { get; init; }
    /// <summary>Group 1 minimum.</summary>
    public double? Min1i { get; init; }
    /// <summary>Group 1 maximum.</summary>
    public double? Max1i { get; init; }
    /// <summary>Group 2 median.</summary>
    public double? Med2i { get; init; }
    /// <summary>Group 2 first quartile.</summary>
    public double? Q1_2i { get; init; }
    /// <summary>Group 2 third quartile.</summary>
    public double? Q3_2i { get; init; }
    /// <summary>Group 2 minimum.</summary>
    public double? Min2i { get; init; }
    /// <summary>Group 2 maximum.</summary>
    public double? Max2i { get; init; }
    /// <summary>Single-group median.</summary>
    public double? Medi { get; init; }
    /// <summary>Single-group first quartile.</summary>
    public double? Q1i { get; init; }
    /// <summary>Single-group third quartile.</summary>
    public double? Q3i { get; init; }
    /// <summary>Single-group minimum.</summary>
    public double? Mini { get; init; }
    /// <summary>Single-group maximum.</summary>
    public double? Maxi { get; init; }

    /// <summary>
    /// Builds a study from values looked up by lower-case escalc argument name (<c>ai</c>, <c>sd1i</c>, <c>ci_lb</c>,
    /// <c>q1_1i</c>, <c>medi</c>, …); a name the lookup does not know gives null.
    /// </summary>
    public static StudyInput FromFields(string? study, Func<string, double?> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new StudyInput
        {
            Study = study,
            Ai = value("ai"),
            Bi = value("bi"),
            Ci = value("ci"),
            Di = value("di"),
            N1i = value("n1i"),
            N2i = value("n2i"),
            M1i = value("m1i"),
            M2i = value("m2i"),
            Sd1i = value("sd1i"),
            Sd2i = value("sd2i"),
            X1i = value("x1i"),
            X2i = value("x2i"),
            T1i = value("t1i"),
            T2i = value("t2i"),
            Ri = value("ri"),
            Ni = value("ni"),
            Xi = value("xi"),
            Ti = value("ti"),
            Mi = value("mi"),
            Sdi = value("sdi"),
            Yi = value("yi"),
            Vi = value("vi"),
            Sei = value("sei"),
            Oei = value("oei"),
            Vari = value("vari"),
            CiLb = value("ci_lb"),
            CiUb = value("ci_ub"),
            Med1i = value("med1i"),
            Q1_1i = value("q1_1i"),
            Q3_1i = value("q3_1i"),
            Min1i = value("min1i"),
            Max1i = value("max1i"),
            Med2i = value("med2i"),
            Q1_2i = value("q1_2i"),
            Q3_2i = value("q3_2i"),
            Min2i = value("min2i"),
            Max2i = value("max2i"),
            Medi = value("medi"),
            Q1i = value("q1i"),
            Q3i = value("q3i"),
            Mini = value("mini"),
            Maxi = value("maxi"),
        };
    }
}
