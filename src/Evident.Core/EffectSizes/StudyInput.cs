namespace Evident.Core.EffectSizes;

/// <summary>
/// One study's raw data, with metafor's <c>escalc</c> argument names. Every value is optional; the measure says
/// which are needed (<see cref="EffectSizes.InputSets"/>).
/// </summary>
/// <remarks>
/// Implementation note: each value is a <see cref="double"/> with one bit of <c>_given</c> saying whether it was given
/// (rather than a <see cref="Nullable{T}"/> of 16 bytes), which halves the size of a row: a batch holds and projects one
/// per data row (86,492 in Pairwise70). A value not given is stored as 0, so the record's equality is unchanged.
/// </remarks>
public sealed record StudyInput
{
    /// <summary>Bit i: the value named <see cref="FieldNames"/>[i] is given.</summary>
    private ulong _given;
    private double _ai;
    private double _bi;
    private double _ci;
    private double _di;
    private double _n1i;
    private double _n2i;
    private double _m1i;
    private double _m2i;
    private double _sd1i;
    private double _sd2i;
    private double _x1i;
    private double _x2i;
    private double _t1i;
    private double _t2i;
    private double _ri;
    private double _ni;
    private double _xi;
    private double _ti;
    private double _mi;
    private double _sdi;
    private double _yi;
    private double _vi;
    private double _sei;
    private double _oei;
    private double _vari;
    private double _ciLb;
    private double _ciUb;
    private double _med1i;
    private double _q1_1i;
    private double _q3_1i;
    private double _min1i;
    private double _max1i;
    private double _med2i;
    private double _q1_2i;
    private double _q3_2i;
    private double _min2i;
    private double _max2i;
    private double _medi;
    private double _q1i;
    private double _q3i;
    private double _mini;
    private double _maxi;

    /// <summary>Study label.</summary>
    public string? Study { get; init; }

    /// <summary>2×2 table: events in group 1.</summary>
    public double? Ai { get => Get(_ai, 0); init => Set(ref _ai, 0, value); }
    /// <summary>2×2 table: non-events in group 1.</summary>
    public double? Bi { get => Get(_bi, 1); init => Set(ref _bi, 1, value); }
    /// <summary>2×2 table: events in group 2.</summary>
    public double? Ci { get => Get(_ci, 2); init => Set(ref _ci, 2, value); }
    /// <summary>2×2 table: non-events in group 2.</summary>
    public double? Di { get => Get(_di, 3); init => Set(ref _di, 3, value); }
    /// <summary>Group 1 size.</summary>
    public double? N1i { get => Get(_n1i, 4); init => Set(ref _n1i, 4, value); }
    /// <summary>Group 2 size.</summary>
    public double? N2i { get => Get(_n2i, 5); init => Set(ref _n2i, 5, value); }

    /// <summary>Group 1 mean (or post-test mean for MC/SMCC/SMCR).</summary>
    public double? M1i { get => Get(_m1i, 6); init => Set(ref _m1i, 6, value); }
    /// <summary>Group 2 mean (or pre-test mean).</summary>
    public double? M2i { get => Get(_m2i, 7); init => Set(ref _m2i, 7, value); }
    /// <summary>Group 1 SD.</summary>
    public double? Sd1i { get => Get(_sd1i, 8); init => Set(ref _sd1i, 8, value); }
    /// <summary>Group 2 SD.</summary>
    public double? Sd2i { get => Get(_sd2i, 9); init => Set(ref _sd2i, 9, value); }

    /// <summary>Events in group 1 (person-time data).</summary>
    public double? X1i { get => Get(_x1i, 10); init => Set(ref _x1i, 10, value); }
    /// <summary>Events in group 2 (person-time data).</summary>
    public double? X2i { get => Get(_x2i, 11); init => Set(ref _x2i, 11, value); }
    /// <summary>Person-time in group 1.</summary>
    public double? T1i { get => Get(_t1i, 12); init => Set(ref _t1i, 12, value); }
    /// <summary>Person-time in group 2.</summary>
    public double? T2i { get => Get(_t2i, 13); init => Set(ref _t2i, 13, value); }

    /// <summary>Correlation (COR/UCOR/ZCOR) or pre-post correlation (MC/SMCC/SMCR).</summary>
    public double? Ri { get => Get(_ri, 14); init => Set(ref _ri, 14, value); }
    /// <summary>Sample size (single group).</summary>
    public double? Ni { get => Get(_ni, 15); init => Set(ref _ni, 15, value); }
    /// <summary>Events (single group).</summary>
    public double? Xi { get => Get(_xi, 16); init => Set(ref _xi, 16, value); }
    /// <summary>Person-time (single group).</summary>
    public double? Ti { get => Get(_ti, 17); init => Set(ref _ti, 17, value); }
    /// <summary>Mean (single group).</summary>
    public double? Mi { get => Get(_mi, 18); init => Set(ref _mi, 18, value); }
    /// <summary>SD (single group).</summary>
    public double? Sdi { get => Get(_sdi, 19); init => Set(ref _sdi, 19, value); }

    /// <summary>Generic effect estimate (GEN).</summary>
    public double? Yi { get => Get(_yi, 20); init => Set(ref _yi, 20, value); }
    /// <summary>Generic sampling variance (GEN).</summary>
    public double? Vi { get => Get(_vi, 21); init => Set(ref _vi, 21, value); }
    /// <summary>Generic standard error (GEN).</summary>
    public double? Sei { get => Get(_sei, 22); init => Set(ref _sei, 22, value); }
    /// <summary>Observed minus expected events (O − E) of a study reported as O − E and variance (Yusuf et al. 1985).</summary>
    public double? Oei { get => Get(_oei, 23); init => Set(ref _oei, 23, value); }
    /// <summary>The variance V of O − E (the hypergeometric or log-rank variance).</summary>
    public double? Vari { get => Get(_vari, 24); init => Set(ref _vari, 24, value); }
    /// <summary>Lower CI bound for a GEN estimate given with its CI instead of an SE.</summary>
    public double? CiLb { get => Get(_ciLb, 25); init => Set(ref _ciLb, 25, value); }
    /// <summary>Upper CI bound for a GEN estimate given with its CI instead of an SE.</summary>
    public double? CiUb { get => Get(_ciUb, 26); init => Set(ref _ciUb, 26, value); }

    /// <summary>Group 1 median (for <see cref="MedianConversion"/>).</summary>
    public double? Med1i { get => Get(_med1i, 27); init => Set(ref _med1i, 27, value); }
    /// <summary>Group 1 first quartile.</summary>
    public double? Q1_1i { get => Get(_q1_1i, 28); init => Set(ref _q1_1i, 28, value); }
    /// <summary>Group 1 third quartile.</summary>
    public double? Q3_1i { get => Get(_q3_1i, 29); init => Set(ref _q3_1i, 29, value); }
    /// <summary>Group 1 minimum.</summary>
    public double? Min1i { get => Get(_min1i, 30); init => Set(ref _min1i, 30, value); }
    /// <summary>Group 1 maximum.</summary>
    public double? Max1i { get => Get(_max1i, 31); init => Set(ref _max1i, 31, value); }
    /// <summary>Group 2 median.</summary>
    public double? Med2i { get => Get(_med2i, 32); init => Set(ref _med2i, 32, value); }
    /// <summary>Group 2 first quartile.</summary>
    public double? Q1_2i { get => Get(_q1_2i, 33); init => Set(ref _q1_2i, 33, value); }
    /// <summary>Group 2 third quartile.</summary>
    public double? Q3_2i { get => Get(_q3_2i, 34); init => Set(ref _q3_2i, 34, value); }
    /// <summary>Group 2 minimum.</summary>
    public double? Min2i { get => Get(_min2i, 35); init => Set(ref _min2i, 35, value); }
    /// <summary>Group 2 maximum.</summary>
    public double? Max2i { get => Get(_max2i, 36); init => Set(ref _max2i, 36, value); }
    /// <summary>Single-group median.</summary>
    public double? Medi { get => Get(_medi, 37); init => Set(ref _medi, 37, value); }
    /// <summary>Single-group first quartile.</summary>
    public double? Q1i { get => Get(_q1i, 38); init => Set(ref _q1i, 38, value); }
    /// <summary>Single-group third quartile.</summary>
    public double? Q3i { get => Get(_q3i, 39); init => Set(ref _q3i, 39, value); }
    /// <summary>Single-group minimum.</summary>
    public double? Mini { get => Get(_mini, 40); init => Set(ref _mini, 40, value); }
    /// <summary>Single-group maximum.</summary>
    public double? Maxi { get => Get(_maxi, 41); init => Set(ref _maxi, 41, value); }

    /// <summary>
    /// The lower-case escalc argument names of the values (<c>ai</c>, <c>sd1i</c>, <c>ci_lb</c>, <c>q1_1i</c>, …), in the
    /// order <see cref="FromValues"/> takes them.
    /// </summary>
    public static IReadOnlyList<string> FieldNames { get; } =
    [
        "ai",
        "bi",
        "ci",
        "di",
        "n1i",
        "n2i",
        "m1i",
        "m2i",
        "sd1i",
        "sd2i",
        "x1i",
        "x2i",
        "t1i",
        "t2i",
        "ri",
        "ni",
        "xi",
        "ti",
        "mi",
        "sdi",
        "yi",
        "vi",
        "sei",
        "oei",
        "vari",
        "ci_lb",
        "ci_ub",
        "med1i",
        "q1_1i",
        "q3_1i",
        "min1i",
        "max1i",
        "med2i",
        "q1_2i",
        "q3_2i",
        "min2i",
        "max2i",
        "medi",
        "q1i",
        "q3i",
        "mini",
        "maxi",
    ];

    /// <summary>
    /// Builds a study from values looked up by lower-case escalc argument name (<c>ai</c>, <c>sd1i</c>, <c>ci_lb</c>,
    /// <c>q1_1i</c>, <c>medi</c>, …); a name the lookup does not know gives null.
    /// </summary>
    public static StudyInput FromFields(string? study, Func<string, double?> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Span<double?> values = stackalloc double?[FieldNames.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = value(FieldNames[i]);
        }

        return FromValues(study, values);
    }

    /// <summary>Builds a study from its values in the order of <see cref="FieldNames"/> (missing ones null).</summary>
    public static StudyInput FromValues(string? study, ReadOnlySpan<double?> values)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(values.Length, FieldNames.Count);
        return new StudyInput
        {
            Study = study,
            Ai = values[0],
            Bi = values[1],
            Ci = values[2],
            Di = values[3],
            N1i = values[4],
            N2i = values[5],
            M1i = values[6],
            M2i = values[7],
            Sd1i = values[8],
            Sd2i = values[9],
            X1i = values[10],
            X2i = values[11],
            T1i = values[12],
            T2i = values[13],
            Ri = values[14],
            Ni = values[15],
            Xi = values[16],
            Ti = values[17],
            Mi = values[18],
            Sdi = values[19],
            Yi = values[20],
            Vi = values[21],
            Sei = values[22],
            Oei = values[23],
            Vari = values[24],
            CiLb = values[25],
            CiUb = values[26],
            Med1i = values[27],
            Q1_1i = values[28],
            Q3_1i = values[29],
            Min1i = values[30],
            Max1i = values[31],
            Med2i = values[32],
            Q1_2i = values[33],
            Q3_2i = values[34],
            Min2i = values[35],
            Max2i = values[36],
            Medi = values[37],
            Q1i = values[38],
            Q3i = values[39],
            Mini = values[40],
            Maxi = values[41],
        };
    }

    /// <summary>The value named <paramref name="field"/> in <see cref="FieldNames"/> (null for a name not there).</summary>
    public double? Value(string field)
    {
        for (var i = 0; i < FieldNames.Count; i++)
        {
            if (FieldNames[i] == field)
            {
                return Value(i);
            }
        }

        return null;
    }

    private double? Get(double value, int index) => (_given & (1UL << index)) != 0 ? value : null;

    private void Set(ref double field, int index, double? value)
    {
        field = value ?? 0;
        _given = value is null ? _given & ~(1UL << index) : _given | (1UL << index);
    }

    /// <summary>The value at <paramref name="index"/> in the order of <see cref="FieldNames"/>.</summary>
    private double? Value(int index) => index switch
    {
        0 => Ai,
        1 => Bi,
        2 => Ci,
        3 => Di,
        4 => N1i,
        5 => N2i,
        6 => M1i,
        7 => M2i,
        8 => Sd1i,
        9 => Sd2i,
        10 => X1i,
        11 => X2i,
        12 => T1i,
        13 => T2i,
        14 => Ri,
        15 => Ni,
        16 => Xi,
        17 => Ti,
        18 => Mi,
        19 => Sdi,
        20 => Yi,
        21 => Vi,
        22 => Sei,
        23 => Oei,
        24 => Vari,
        25 => CiLb,
        26 => CiUb,
        27 => Med1i,
        28 => Q1_1i,
        29 => Q3_1i,
        30 => Min1i,
        31 => Max1i,
        32 => Med2i,
        33 => Q1_2i,
        34 => Q3_2i,
        35 => Min2i,
        36 => Max2i,
        37 => Medi,
        38 => Q1i,
        39 => Q3i,
        40 => Mini,
        41 => Maxi,
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };
}
