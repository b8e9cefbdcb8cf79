using Evident.Core.EffectSizes;
using Escalc = Evident.Core.EffectSizes.EffectSizes;

namespace Evident.Core.Tests.EffectSizes;

/// <summary>
/// Values published in papers and asserted in metafor's own test suite (metafor.md §2.3), typed in here; compared at
/// <see cref="Tolerances.Published"/>.
/// </summary>
public sealed class PublishedValuesTests
{
    private static void AssertAll(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Tolerances.Published.AssertClose(expected[i], actual[i], $"{what}[{i}]");
        }
    }

    private static double[] Yi(EffectSizeSet set) => set.Studies.Select(s => s.Yi!.Value).ToArray();

    private static double[] Vi(EffectSizeSet set) => set.Studies.Select(s => s.Vi!.Value).ToArray();

    // Morris (2008), treatment group, as in metafor's test_analysis_example_morris2008.r (item 19).
    private static readonly double[] MPre = [30.6, 23.5, 0.5, 53.4, 35.6];
    private static readonly double[] MPost = [38.5, 26.8, 0.7, 75.9, 36.0];
    private static readonly double[] SdPre = [15.0, 3.1, 0.1, 14.5, 4.7];
    private static readonly double[] SdPost = [11.6, 4.1, 0.1, 4.4, 4.6];
    private static readonly double[] N = [20, 50, 9, 10, 14];
    private static readonly double[] R = [.47, .64, .77, .89, .44];

    [Fact]
    public void Smcr_Morris2008Treatment_MatchesPublished()
    {
        var studies = Enumerable.Range(0, 5).Select(i => new StudyInput { M1i = MPost[i], M2i = MPre[i], Sd1i = SdPre[i], Ni = N[i], Ri = R[i] }).ToArray();
        var set = Escalc.Compute(EffectMeasure.SMCR, studies);
        AssertAll([0.5056, 1.0481, 1.8054, 1.4181, 0.0801], Yi(set), "SMCR yi");
        AssertAll([0.0594, 0.0254, 0.2322, 0.1225, 0.0802], Vi(set), "SMCR vi");
    }

    [Fact]
    public void Smcc_Morris2008Treatment_MatchesPublished()
    {
        var studies = Enumerable.Range(0, 5).Select(i => new StudyInput { M1i = MPost[i], M2i = MPre[i], Sd1i = SdPost[i], Sd2i = SdPre[i], Ni = N[i], Ri = R[i] }).ToArray();
        var set = Escalc.Compute(EffectMeasure.SMCC, studies);
        AssertAll([0.5417, 1.0198, 2.6619, 1.9088, 0.0765], Yi(set), "SMCC yi");
    }

    [Fact]
    public void Pft_Miller1978_MatchesPublishedDoubleArcsine()
    {
        double[] x = [3, 6, 10, 1];
        double[] n = [11, 17, 21, 6];
        var set = Escalc.Compute(EffectMeasure.PFT, x.Select((xi, i) => new StudyInput { Xi = xi, Ni = n[i] }).ToArray());
        AssertAll([1.1391, 1.2888, 1.5253, 0.9515], Yi(set).Select(y => 2 * y).ToArray(), "2·PFT");

        // Back-transforming the unweighted and the inverse-variance weighted averages (Miller 1978): 0.3164 and 0.3595.
        var back = BackTransform.For(EffectMeasure.PFT, n)!;
        Assert.Equal("ipft.hm", back.Name);
        var yi = Yi(set);
        var vi = Vi(set);
        var unweighted = yi.Average();
        var weighted = yi.Select((y, i) => y / vi[i]).Sum() / vi.Select(v => 1 / v).Sum();
        Tolerances.Published.AssertClose(0.3164, back.Apply(unweighted), "unweighted");
        Tolerances.Published.AssertClose(0.3595, back.Apply(weighted), "weighted");
    }

    [Fact]
    public void Pft_Miller1978_SecondExample_EqualEffectsBackTransformed()
    {
        // Miller (1978): xi = 0, 4, 9, 16, 20 of ni = 10, 10, 15, 20, 20, no correction (add = 0), pooled by
        // inverse-variance weights and back-transformed with the harmonic-mean n: 0.6886 [0.5734, 0.7943].
        double[] x = [0, 4, 9, 16, 20];
        double[] n = [10, 10, 15, 20, 20];
        var set = Escalc.Compute(EffectMeasure.PFT, x.Select((xi, i) => new StudyInput { Xi = xi, Ni = n[i] }).ToArray(), new EscalcOptions { Add = 0 });
        var fit = Evident.Core.Models.MetaAnalysis.Fit(Yi(set), Vi(set), new Evident.Core.Models.FitOptions { Method = Evident.Core.Models.Tau2Method.EE });
        var back = BackTransform.For(EffectMeasure.PFT, n)!;
        Tolerances.Published.AssertClose(0.6886, back.Apply(fit.Estimate), "estimate");
        Tolerances.Published.AssertClose(0.5734, back.Apply(fit.ConfidenceInterval.Lower), "ci lower");
        Tolerances.Published.AssertClose(0.7943, back.Apply(fit.ConfidenceInterval.Upper), "ci upper");
    }

    [Fact]
    public void Smd_Normand1999_MatchesPublishedSpotValues()
    {
        var set = Escalc.Compute(EffectMeasure.SMD, Normand());
        AssertAll([-0.3552, -0.3479, -2.3176, -1.8880], Yi(set), "SMD yi");
        AssertAll([0.0131, 0.0645, 0.0458, 0.1606], Vi(set), "SMD vi");
        AssertAll([-0.3553, -0.3465, -2.3018, -1.8880], Yi(Escalc.Compute(EffectMeasure.SMDH, Normand())), "SMDH yi");
        AssertAll([-0.3102, -0.0715, -0.6202, -0.7303], Yi(Escalc.Compute(EffectMeasure.ROM, Normand())), "ROM yi");
    }

    [Fact]
    public void Md_Normand1999WithPooledSd_MatchesPublished()
    {
        double[] n1 = [155, 31, 75, 18, 8, 57, 34, 110, 60];
        double[] m1 = [55, 27, 64, 66, 14, 19, 52, 21, 30];
        double[] sd1 = [47, 7, 17, 20, 8, 7, 45, 16, 27];
        double[] n2 = [156, 32, 71, 18, 13, 52, 33, 183, 52];
        double[] m2 = [75, 29, 119, 137, 18, 18, 41, 31, 23];
        double[] sd2 = [64, 4, 29, 48, 11, 4, 34, 27, 20];
        var studies = Enumerable.Range(0, 9).Select(i =>
        {
            var sp = Math.Sqrt((((n1[i] - 1) * sd1[i] * sd1[i]) + ((n2[i] - 1) * sd2[i] * sd2[i])) / (n1[i] + n2[i] - 2));
            return new StudyInput { M1i = m1[i], Sd1i = sp, N1i = n1[i], M2i = m2[i], Sd2i = sp, N2i = n2[i] };
        }).ToArray();
        var set = Escalc.Compute(EffectMeasure.MD, studies);
        AssertAll([-20, -2, -55, -71, -4, 1, 11, -10, 7], Yi(set), "MD yi");
        AssertAll([40.5863, 2.0468, 15.2809, 150.2222, 20.1923, 1.2235, 95.3756, 8.0321, 20.6936], Vi(set), "MD vi");
    }

    [Fact]
    public void Rd_Hine1989_MatchesPublishedPercentagePointsAndIntervals()
    {
        double[] n1 = [39, 44, 107, 103, 110, 154];
        double[] n2 = [43, 44, 110, 100, 106, 146];
        double[] ai = [2, 4, 6, 7, 7, 11];
        double[] ci = [1, 4, 4, 5, 3, 4];
        var set = Escalc.Compute(EffectMeasure.RD, ai.Select((a, i) => new StudyInput { Ai = a, N1i = n1[i], Ci = ci[i], N2i = n2[i] }).ToArray());
        AssertAll([2.8026, 0.0000, 1.9711, 1.7961, 3.5334, 4.4031], Yi(set).Select(y => y * 100).ToArray(), "RD×100");
        AssertAll([17.7575, 37.5657, 8.1323, 10.8998, 8.0114, 6.1320], Vi(set).Select(v => v * 1e4).ToArray(), "vi×100²");
        var ci95 = set.Studies.Select(s => StudyStatistics.Compute(s.Yi!.Value, s.Vi!.Value).ConfidenceInterval).ToArray();
        AssertAll([-5.4566, -12.0128, -3.6182, -4.6747, -2.0141, -0.4503], ci95.Select(c => c.Lower * 100).ToArray(), "lb×100");
        AssertAll([11.0618, 12.0128, 7.5604, 8.2669, 9.0810, 9.2566], ci95.Select(c => c.Upper * 100).ToArray(), "ub×100");
    }

    [Fact]
    public void CorrelationMeasures_McDaniel1994Rows_MatchPublishedSpotValues()
    {
        // dat.mcdaniel1994 rows 1, 13, 33, 102 (ri, ni).
        StudyInput[] studies =
        [
            new() { Ri = 0.00, Ni = 123 },
            new() { Ri = 0.62, Ni = 15 },
            new() { Ri = 0.99, Ni = 6 },
            new() { Ri = -0.13, Ni = 41 },
        ];
        var z = Escalc.Compute(EffectMeasure.ZCOR, studies);
        AssertAll([0.0000, 0.7250, 2.6467, -0.1307], Yi(z), "ZCOR yi");
        AssertAll([0.0083, 0.0833, 0.3333, 0.0263], Vi(z), "ZCOR vi");
        AssertAll([0.0000, 0.6363, 0.9925, -0.1317], Yi(Escalc.Compute(EffectMeasure.UCOR, studies)), "UCOR yi");
    }

    [Fact]
    public void SingleGroupSpotValues_MatchPublished()
    {
        var pas = Escalc.Compute(EffectMeasure.PAS, [new StudyInput { Xi = 10, Ni = 20 }]).Studies[0];
        Tolerances.Published.AssertClose(0.7854, pas.Yi!.Value, "PAS yi");
        Tolerances.Published.AssertClose(0.0125, pas.Vi!.Value, "PAS vi");
        var mnln = Escalc.Compute(EffectMeasure.MNLN, [new StudyInput { Mi = 10, Sdi = 2, Ni = 20 }]).Studies[0];
        Tolerances.Published.AssertClose(2.3026, mnln.Yi!.Value, "MNLN yi");
        Tolerances.Published.AssertClose(0.0020, mnln.Vi!.Value, "MNLN vi");
    }

    [Fact]
    public void Rr_BcgTrial1_MatchesPublished()
    {
        var rr = Escalc.Compute(EffectMeasure.RR, [new StudyInput { Ai = 4, Bi = 119, Ci = 11, Di = 128 }]).Studies[0];
        Tolerances.Published.AssertClose(-0.8893, rr.Yi!.Value, "RR yi");
        Tolerances.Published.AssertClose(0.3256, rr.Vi!.Value, "RR vi");
    }

    private static StudyInput[] Normand() =>
    [
        new() { N1i = 155, M1i = 55, Sd1i = 47, N2i = 156, M2i = 75, Sd2i = 64 },
        new() { N1i = 31, M1i = 27, Sd1i = 7, N2i = 32, M2i = 29, Sd2i = 4 },
        new() { N1i = 75, M1i = 64, Sd1i = 17, N2i = 71, M2i = 119, Sd2i = 29 },
        new() { N1i = 18, M1i = 66, Sd1i = 20, N2i = 18, M2i = 137, Sd2i = 48 },
    ];
}
