using Evident.Core.EffectSizes;

namespace Evident.Cli.Input;

/// <summary>Builds Core's <see cref="StudyInput"/> from cells keyed by normalized escalc name.</summary>
internal static class StudyInputs
{
    /// <summary>A study's input; fields absent from <paramref name="values"/> stay null.</summary>
    public static StudyInput Create(string? study, IReadOnlyDictionary<string, double?> values)
    {
        double? V(string field) => values.GetValueOrDefault(ColumnAliases.Normalize(field));
        return new StudyInput
        {
            Study = study,
            Ai = V("ai"),
            Bi = V("bi"),
            Ci = V("ci"),
            Di = V("di"),
            N1i = V("n1i"),
            N2i = V("n2i"),
            M1i = V("m1i"),
            M2i = V("m2i"),
            Sd1i = V("sd1i"),
            Sd2i = V("sd2i"),
            X1i = V("x1i"),
            X2i = V("x2i"),
            T1i = V("t1i"),
            T2i = V("t2i"),
            Ri = V("ri"),
            Ni = V("ni"),
            Xi = V("xi"),
            Ti = V("ti"),
            Mi = V("mi"),
            Sdi = V("sdi"),
            Yi = V("yi"),
            Vi = V("vi"),
            Sei = V("sei"),
            CiLb = V("ci_lb"),
            CiUb = V("ci_ub"),
            Med1i = V("med1i"),
            Q1_1i = V("q1_1i"),
            Q3_1i = V("q3_1i"),
            Min1i = V("min1i"),
            Max1i = V("max1i"),
            Med2i = V("med2i"),
            Q1_2i = V("q1_2i"),
            Q3_2i = V("q3_2i"),
            Min2i = V("min2i"),
            Max2i = V("max2i"),
            Medi = V("medi"),
            Q1i = V("q1i"),
            Q3i = V("q3i"),
            Mini = V("mini"),
            Maxi = V("maxi"),
        };
    }
}
