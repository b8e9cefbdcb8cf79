using Evident.Core.EffectSizes;

namespace Evident.Core.Tests.EffectSizes;

/// <summary>Data-type inference for zero-filled RevMan rows; the rows are quoted from Pairwise70 (file line in each comment).</summary>
public sealed class DataTypesTests
{
    // Line 2 (CD000028_pub4 1.1, Carter 1970): events and N, everything else NA.
    private static readonly StudyInput Binary = new() { Ai = 7, N1i = 22, Ci = 9, N2i = 26 };

    // Line 358-like continuous row: means, SDs, N, with events, GIV and O − E filled with 0.
    private static readonly StudyInput Continuous = new()
    {
        M1i = 207.5,
        Sd1i = 147.5,
        N1i = 31,
        M2i = 419.5,
        Sd2i = 230.8,
        N2i = 34,
        Ai = 0,
        Ci = 0,
        Yi = 0,
        Sei = 0,
        Oei = 0,
        Vari = 0,
    };

    // Line 7014 (CD002115_pub6 2.1, Kwok 2015): a GIV row carrying N and zero-filled events and means.
    private static readonly StudyInput Generic = new()
    {
        Yi = -0.8,
        Sei = 0.8674,
        M1i = 0,
        Sd1i = 0,
        Ai = 0,
        N1i = 17,
        M2i = 0,
        Sd2i = 0,
        Ci = 0,
        N2i = 0,
        Oei = 0,
        Vari = 0.75238276,
    };

    // Line 165 (CD000143_pub2 1.1, Davis 1998): binary, with RevMan's computed SE in GIV.SE beside GIV.Mean 0.
    private static readonly StudyInput BinaryWithSeFiller = new() { Yi = 0, Sei = 0.2367, Ai = 16, N1i = 47, Ci = 27, N2i = 45, M1i = 0, Sd1i = 0, M2i = 0, Sd2i = 0 };

    // Line 31287 (CD008469_pub3 1.1): O − E and variance, with events and N for display.
    private static readonly StudyInput ObservedMinusExpected = new() { Oei = 0.4055, Vari = 0.2961, Ai = 61, N1i = 96, Ci = 50, N2i = 93, Yi = 0, Sei = 0 };

    // A row of zeros with N (a study with no data, RevMan "not estimable").
    private static readonly StudyInput Zeros = new() { Yi = 0, Sei = 0, M1i = 0, Sd1i = 0, Ai = 0, N1i = 42, M2i = 0, Sd2i = 0, Ci = 0, N2i = 42, Oei = 0, Vari = 0 };

    [Fact]
    public void Evidence_ShowsEachRowsTypeStrongly_AndZerosOnlyAsPossible()
    {
        Assert.Equal([DataType.Binary], DataTypes.Evidence(Binary).Strong);
        Assert.Equal([DataType.Continuous], DataTypes.Evidence(Continuous).Strong);
        Assert.Equal([DataType.GenericInverseVariance], DataTypes.Evidence(Generic).Strong);
        Assert.Equal([DataType.Binary], DataTypes.Evidence(BinaryWithSeFiller).Strong);
        Assert.Equal([DataType.ObservedMinusExpected, DataType.Binary], DataTypes.Evidence(ObservedMinusExpected).Strong.OrderByDescending(t => t));
        Assert.Empty(DataTypes.Evidence(Zeros).Strong);
        Assert.Contains(DataType.Binary, DataTypes.Evidence(Zeros).Possible);
    }

    [Fact]
    public void Resolve_ZeroRowsJoinTheAnalysissType()
    {
        var continuous = DataTypes.Resolve([Continuous, Zeros]);
        var binary = DataTypes.Resolve([Binary, Zeros]);

        Assert.Equal(DataType.Continuous, continuous.Type);
        Assert.Equal([DataType.Continuous, DataType.Continuous], continuous.RowTypes);
        Assert.Equal(DataType.Binary, binary.Type);
        Assert.Empty(binary.Conflict);
    }

    [Fact]
    public void Resolve_OnlyZeroRows_IsBinary()
        => Assert.Equal(DataType.Binary, DataTypes.Resolve([Zeros, Zeros]).Type);

    [Fact]
    public void Resolve_BinaryRowsWithSeFillers_StayBinary()
        => Assert.Equal(DataType.Binary, DataTypes.Resolve([BinaryWithSeFiller, Binary]).Type);

    [Fact]
    public void Resolve_OEWithEvents_IsOE_WhenEveryRowShowsIt()
        => Assert.Equal(DataType.ObservedMinusExpected, DataTypes.Resolve([ObservedMinusExpected, ObservedMinusExpected with { Oei = -0.4525, Vari = 0.0543, Ai = 0, Ci = 0 }]).Type);

    [Fact]
    public void Resolve_GivAnalysisListingMeans_IsGeneric_EvenForAnEstimateOfZero()
    {
        // Lines 85511-85517 (CD016001 1.14): GIV rows, some with means and SDs; Ivey 2017 has GIV.Mean 0 with SE 0.044206.
        var givOnly = new StudyInput { Yi = 0.15, Sei = 0.063857, N1i = 0, N2i = 0 };
        var both = new StudyInput { Yi = 0.06, Sei = 0.2469, M1i = 0.96, Sd1i = 0.4, N1i = 11, M2i = 0.9, Sd2i = 0.57, N2i = 7 };
        var ivey = new StudyInput { Yi = 0, Sei = 0.044206, M1i = 1.2517, Sd1i = 0.1341, N1i = 13, M2i = 1.2517, Sd2i = 0.0894, N2i = 14 };

        var typing = DataTypes.Resolve([givOnly, both, ivey]);

        Assert.Equal(DataType.GenericInverseVariance, typing.Type);
        Assert.All(typing.RowTypes, t => Assert.Equal(DataType.GenericInverseVariance, t));
    }

    [Fact]
    public void Resolve_ConflictingStrongRows_AreAConflictNamingTheRows()
    {
        var typing = DataTypes.Resolve([Continuous, Binary, Zeros]);

        Assert.Null(typing.Type);
        Assert.Equal([(DataType.Continuous, (IReadOnlyList<int>)[0]), (DataType.Binary, [1])], typing.Conflict.Select(c => (c.Type, c.Rows)).ToList(), new ConflictComparer());
    }

    [Fact]
    public void Project_KeepsOnlyTheTypesValues_AndAGenericRowsSampleSizes()
    {
        var projected = DataTypes.Project(Generic, DataType.GenericInverseVariance);
        var withTotal = DataTypes.Project(Generic with { Ni = 40 }, DataType.GenericInverseVariance);

        // The group sizes above 0 (the 0 is a RevMan placeholder) and ni, for the sample-size predictors of the bias tests.
        Assert.Equal(new StudyInput { Yi = -0.8, Sei = 0.8674, N1i = 17 }, projected);
        Assert.Equal(new StudyInput { Yi = -0.8, Sei = 0.8674, N1i = 17, Ni = 40 }, withTotal);
    }

    [Fact]
    public void Peto_FromObservedMinusExpected_IsOEOverV_WithVariance1OverV()
    {
        var set = Core.EffectSizes.EffectSizes.Compute(EffectMeasure.PETO, [new StudyInput { Oei = 0.4055, Vari = 0.2961 }, new StudyInput { Oei = 1, Vari = 0 }]);

        Assert.Equal(0.4055 / 0.2961, set.Studies[0].Yi!.Value, 15);
        Assert.Equal(1 / 0.2961, set.Studies[0].Vi!.Value, 15);
        Assert.Null(set.Studies[1].Yi);
        Assert.Contains(set.Issues, i => i.Code == IssueCodes.NonPositiveVariance && i.StudyIndex == 1 && i.Field == "vari");
    }

    private sealed class ConflictComparer : IEqualityComparer<(DataType Type, IReadOnlyList<int> Rows)>
    {
        public bool Equals((DataType Type, IReadOnlyList<int> Rows) x, (DataType Type, IReadOnlyList<int> Rows) y)
            => x.Type == y.Type && x.Rows.SequenceEqual(y.Rows);

        public int GetHashCode((DataType Type, IReadOnlyList<int> Rows) obj) => obj.Type.GetHashCode();
    }
}
