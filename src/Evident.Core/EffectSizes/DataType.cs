namespace Evident.Core.EffectSizes;

/// <summary>The kind of data a study row gives, as RevMan's outcome data types name them.</summary>
public enum DataType
{
    /// <summary>Mean, SD and N per arm (MD, SMD, …).</summary>
    Continuous,

    /// <summary>Events and N per arm (OR, RR, RD, …).</summary>
    Binary,

    /// <summary>An estimate with its SE, variance or CI (generic inverse variance, GEN).</summary>
    GenericInverseVariance,

    /// <summary>Observed minus expected events and its variance (Peto-type estimate).</summary>
    ObservedMinusExpected,
}

/// <summary>The data types a row could be read as, and those its values clearly show.</summary>
/// <param name="Strong">Types the row's values show beyond doubt (usually one; none for a row of zeros and blanks).</param>
/// <param name="Compatible">
/// Types a strongly typed row may belong to: its strong types, and generic when it has an estimate (0 included) with
/// an SE or variance &gt; 0 (a GIV analysis may list means and SDs beside an estimate of exactly 0).
/// </param>
/// <param name="Possible">Types whose values are all present, zeros included (a superset of the others).</param>
public sealed record TypeEvidence(IReadOnlySet<DataType> Strong, IReadOnlySet<DataType> Compatible, IReadOnlySet<DataType> Possible);

/// <summary>How the rows of one analysis were typed.</summary>
/// <param name="Type">The analysis's data type, or null when its rows show conflicting types or none at all.</param>
/// <param name="RowTypes">Each row's type: <paramref name="Type"/> when the row can be read as it, else null.</param>
/// <param name="Conflict">When rows show different types: each type with the rows (0-based) that show it; else empty.</param>
public sealed record GroupTyping(DataType? Type, IReadOnlyList<DataType?> RowTypes, IReadOnlyList<(DataType Type, IReadOnlyList<int> Rows)> Conflict);

/// <summary>
/// Infers data types for files with no data-type column where unused numeric cells may hold 0 instead of being
/// empty (RevMan data packages, the Pairwise70 collection): a 0 in a value the type does not use means "absent".
/// </summary>
/// <remarks>
/// A row's values are evidence (<see cref="Evidence"/>). They show a type <em>strongly</em> when they could not be
/// fillers:
/// <list type="bullet">
/// <item>continuous: both means given, both SDs &gt; 0 and both N &gt; 1;</item>
/// <item>binary: events of both arms given, not both 0, with both N &gt; 0 (or the four cells);</item>
/// <item>generic inverse variance: an estimate other than 0 with an SE or variance &gt; 0, or with both CI bounds
/// (RevMan fills the SE column of non-GIV rows with the computed SE next to an estimate of 0);</item>
/// <item>O − E and variance: O − E other than 0 with V &gt; 0 (RevMan's O − E entry may also carry events and N).</item>
/// </list>
/// A row can be read as a type (<em>possible</em>) when all that type's values are present, zeros included.
/// RevMan's data type belongs to the analysis, so the rows are typed together (<see cref="Resolve"/>): the type is
/// one that some row shows strongly and every strongly typed row is compatible with (its strong types, or generic for
/// an estimate of exactly 0 with an SE &gt; 0: a GIV analysis may also list means and SDs). Of several such types, the one most rows show strongly wins, then
/// continuous, binary, O − E, generic in that order. When no type fits every strongly typed row, the rows are a
/// conflict, reported rather than resolved. Rows with no
/// strong evidence (zeros and blanks: double-zero 2×2 tables, a missing SD, an estimate of exactly 0) are read as the
/// analysis's type when they have its values, so their problems are reported against that type's columns. With no
/// strongly typed row at all, the first type in that order that most rows can be read as is used.
/// </remarks>
public static class DataTypes
{
    private static readonly DataType[] Preference =
        [DataType.Continuous, DataType.Binary, DataType.ObservedMinusExpected, DataType.GenericInverseVariance];

    /// <summary>
    /// With no strong evidence, zeros read most plainly as counts: a double-zero 2×2 table is data (no events), while
    /// an SD of 0 is not, so continuous comes last.
    /// </summary>
    private static readonly DataType[] WeakPreference =
        [DataType.Binary, DataType.GenericInverseVariance, DataType.ObservedMinusExpected, DataType.Continuous];

    /// <summary>The escalc fields each data type reads (any complete alternative suffices).</summary>
    public static IReadOnlyList<string> Fields(DataType type) => type switch
    {
        DataType.Continuous => ["m1i", "sd1i", "n1i", "m2i", "sd2i", "n2i"],
        DataType.Binary => ["ai", "bi", "ci", "di", "n1i", "n2i"],
        DataType.GenericInverseVariance => ["yi", "vi", "sei", "ci_lb", "ci_ub"],
        DataType.ObservedMinusExpected => ["oei", "vari", "n1i", "n2i"],
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>The types a row's values show strongly, and those it could be read as.</summary>
    public static TypeEvidence Evidence(StudyInput study)
    {
        ArgumentNullException.ThrowIfNull(study);
        var bits = EvidenceBits(study);
        return new TypeEvidence(Set(bits.Strong), Set(bits.Compatible), Set(bits.Possible));
    }

    /// <summary>The data type of a single row read on its own (an analysis of one row), or null when it has none.</summary>
    public static DataType? Infer(StudyInput study) => Resolve([study]).Type;

    /// <summary>Types the rows of one analysis together (see the remarks).</summary>
    public static GroupTyping Resolve(IReadOnlyList<StudyInput> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var evidence = new Bits[rows.Count];
        var anyStrong = false;
        for (var i = 0; i < evidence.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(rows[i], nameof(rows));
            evidence[i] = EvidenceBits(rows[i]);
            anyStrong |= evidence[i].Strong != 0;
        }

        DataType? type = null;
        var most = 0;
        if (anyStrong)
        {
            // Of the types every strongly typed row is compatible with and some row shows strongly, the one most rows
            // show strongly; on a tie the first in order of preference.
            foreach (var t in Preference)
            {
                var bit = Bit(t);
                var count = 0;
                var fitsAll = true;
                foreach (var e in evidence)
                {
                    if (e.Strong != 0)
                    {
                        fitsAll &= (e.Compatible & bit) != 0;
                        count += (e.Strong & bit) != 0 ? 1 : 0;
                    }
                }

                if (fitsAll && count > most)
                {
                    (type, most) = (t, count);
                }
            }

            if (type is null)
            {
                var conflict = new List<(DataType Type, IReadOnlyList<int> Rows)>();
                foreach (var t in Preference)
                {
                    var shown = new List<int>();
                    for (var i = 0; i < evidence.Length; i++)
                    {
                        if ((evidence[i].Strong & Bit(t)) != 0)
                        {
                            shown.Add(i);
                        }
                    }

                    if (shown.Count > 0)
                    {
                        conflict.Add((t, shown));
                    }
                }

                return new GroupTyping(null, new DataType?[rows.Count], conflict);
            }
        }
        else
        {
            // The type most rows can be read as; on a tie the first in order of weak preference.
            foreach (var t in WeakPreference)
            {
                var count = 0;
                foreach (var e in evidence)
                {
                    count += (e.Possible & Bit(t)) != 0 ? 1 : 0;
                }

                if (count > most)
                {
                    (type, most) = (t, count);
                }
            }
        }

        var rowTypes = new DataType?[rows.Count];
        for (var i = 0; i < rowTypes.Length; i++)
        {
            rowTypes[i] = type is { } t && (evidence[i].Possible & Bit(t)) != 0 ? type : null;
        }

        return new GroupTyping(type, rowTypes, []);
    }

    /// <summary>
    /// The row with only the values its data type reads (the study label kept, and for generic and O − E rows, whose own
    /// values give no sample size, the sample sizes given with them: ni, and group sizes above 0, as a RevMan export
    /// fills the columns of other data types with zeros); the others become null.
    /// </summary>
    public static StudyInput Project(StudyInput study, DataType type)
    {
        ArgumentNullException.ThrowIfNull(study);
        var s = study;
        return type switch
        {
            DataType.Continuous => new StudyInput { Study = s.Study, M1i = s.M1i, Sd1i = s.Sd1i, N1i = s.N1i, M2i = s.M2i, Sd2i = s.Sd2i, N2i = s.N2i },
            DataType.Binary => new StudyInput { Study = s.Study, Ai = s.Ai, Bi = s.Bi, Ci = s.Ci, Di = s.Di, N1i = s.N1i, N2i = s.N2i },
            DataType.GenericInverseVariance => new StudyInput
            {
                Study = s.Study,
                Yi = s.Yi,
                Vi = Filler(s.Vi, s.Sei),
                Sei = Filler(s.Sei, s.Vi),
                CiLb = s.CiLb,
                CiUb = s.CiUb,
                N1i = Value(s.N1i) > 0 ? s.N1i : null,
                N2i = Value(s.N2i) > 0 ? s.N2i : null,
                Ni = s.Ni,
            },
            DataType.ObservedMinusExpected => new StudyInput
            {
                Study = s.Study,
                Oei = s.Oei,
                Vari = s.Vari,
                N1i = Value(s.N1i) > 0 ? s.N1i : null,
                N2i = Value(s.N2i) > 0 ? s.N2i : null,
                Ni = s.Ni,
            },
            _ => throw new ArgumentOutOfRangeException(nameof(type)),
        };
    }

    /// <summary>
    /// <see cref="Evidence"/> as bit sets (bit <c>1 &lt;&lt; type</c>).
    /// </summary>
    /// <remarks>
    /// Implementation note: <see cref="Resolve"/> types every row of a collection (86,492 rows in Pairwise70), so the
    /// evidence is kept in bits rather than three sets per row.
    /// </remarks>
    private static Bits EvidenceBits(StudyInput s)
    {
        int strong = 0, compatible = 0, possible = 0;
        if (Value(s.M1i) is not null && Value(s.M2i) is not null && Value(s.Sd1i) is not null && Value(s.Sd2i) is not null
            && Value(s.N1i) is not null && Value(s.N2i) is not null)
        {
            possible |= Bit(DataType.Continuous);
            if (s.Sd1i > 0 && s.Sd2i > 0 && s.N1i > 1 && s.N2i > 1)
            {
                strong |= Bit(DataType.Continuous);
            }
        }

        var arms = Value(s.Ai) is not null && Value(s.Ci) is not null
            && ((Value(s.N1i) is not null && Value(s.N2i) is not null) || (Value(s.Bi) is not null && Value(s.Di) is not null));
        if (arms)
        {
            possible |= Bit(DataType.Binary);
            var sizes = (s.N1i > 0 && s.N2i > 0) || (Value(s.Bi) is not null && Value(s.Di) is not null);
            if (sizes && (s.Ai != 0 || s.Ci != 0))
            {
                strong |= Bit(DataType.Binary);
            }
        }

        if (Value(s.Yi) is { } y && (Value(s.Sei) is not null || Value(s.Vi) is not null || (Value(s.CiLb) is not null && Value(s.CiUb) is not null)))
        {
            possible |= Bit(DataType.GenericInverseVariance);
            if (s.Sei > 0 || s.Vi > 0 || (Value(s.CiLb) is not null && Value(s.CiUb) is not null))
            {
                compatible |= Bit(DataType.GenericInverseVariance);
                if (y != 0)
                {
                    strong |= Bit(DataType.GenericInverseVariance);
                }
            }
        }

        if (Value(s.Oei) is { } oe && Value(s.Vari) is not null)
        {
            possible |= Bit(DataType.ObservedMinusExpected);
            if (oe != 0 && s.Vari > 0)
            {
                strong |= Bit(DataType.ObservedMinusExpected);
            }
        }

        return new Bits(strong, compatible | strong, possible);
    }

    private static int Bit(DataType type) => 1 << (int)type;

    private static HashSet<DataType> Set(int bits) => [.. Enum.GetValues<DataType>().Where(t => (bits & Bit(t)) != 0)];

    private static double? Value(double? x) => x is { } v && !double.IsNaN(v) ? v : null;

    /// <summary>A row's evidence as bit sets: the types it shows strongly, is compatible with, can be read as.</summary>
    private readonly record struct Bits(int Strong, int Compatible, int Possible);

    /// <summary>A variance or SE that is not positive next to a positive other one is a filler for "absent": null.</summary>
    private static double? Filler(double? x, double? other) => Value(x) is not > 0 && Value(other) > 0 ? null : x;
}
