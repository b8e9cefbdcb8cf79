using Evident.Rendering.Analysis;

namespace Evident.Rendering.Tests.Analysis;

/// <summary>What a forest plot prints beside its data: the favours texts' one rule and the per-arm columns' decimals.</summary>
public sealed class ForestDataTests
{
    [Fact]
    public void FavoursTexts_AreOneRule_ArmNamesAsTyped_DefaultsInLowerCase()
    {
        Assert.Equal("Favours control", ForestFavours.Text(null, 1));
        Assert.Equal("Favours Control", ForestFavours.Text(["Vaccine", "Control"], 1));
        Assert.Equal((null, null), ForestFavours.Favours(null, null, null, revman: false, hasNull: true));
        Assert.Equal((null, null), ForestFavours.Favours(null, null, null, revman: true, hasNull: false));
        Assert.Equal(("L", "Favours control"), ForestFavours.Favours("L", null, null, revman: true, hasNull: true));
    }

    [Theory]
    [InlineData(new[] { 85.0, 26.5 }, 1)]
    [InlineData(new[] { 1.0, 2.0, 3.0 }, 0)]
    [InlineData(new[] { 0.1234567, 2.0 }, 3)]
    [InlineData(new[] { double.NaN, 1.25 }, 2)]
    public void ColumnDecimals_AreEnoughForTheMostPreciseValue_AtMostThree(double[] values, int decimals)
        => Assert.Equal(decimals, ForestData.ColumnDecimals(values.Select(v => (double?)v)));
}
