using Evident.Core.Validation;

namespace Evident.Core.Tests.Validation;

/// <summary>What "equal to RevMan's printed rounding" means: half a unit in the sixth decimal, inclusive.</summary>
public sealed class RevManRoundingTests
{
    [Theory]
    [InlineData(0.9191919, 0.919192, true)]
    [InlineData(1.0546875, 1.054688, true)] // a tie, printed away from zero
    [InlineData(1.0546885, 1.054688, true)] // the other side of the same half unit
    [InlineData(1.05468851, 1.054688, false)]
    [InlineData(144.2210014, 144.221001, true)]
    [InlineData(144.2210016, 144.221001, false)]
    [InlineData(0.0000014, 0.000001, true)]
    [InlineData(0.0000016, 0.000001, false)]
    public void Agrees_WithinHalfAUnitInTheSixthDecimal(double computed, double printed, bool agrees)
    {
        Assert.Equal(agrees, RevManRounding.Agrees(computed, printed));
    }

    [Fact]
    public void NonFiniteValues_NeverAgree()
    {
        Assert.False(RevManRounding.Agrees(double.NaN, 1));
        Assert.False(RevManRounding.Agrees(double.PositiveInfinity, 1e300));
    }
}
