using System.Globalization;

namespace Evident.Rendering.Drawing;

/// <summary>
/// Maps data values to drawing coordinates along one axis, linearly or on the log scale a ratio measure is
/// analysed on (the domain is then given in log units and the ticks are labelled with back-transformed values).
/// </summary>
/// <param name="DomainMin">Smallest data value (analysis scale: log units for a log axis).</param>
/// <param name="DomainMax">Largest data value.</param>
/// <param name="RangeStart">The coordinate of <paramref name="DomainMin"/>.</param>
/// <param name="RangeEnd">The coordinate of <paramref name="DomainMax"/> (smaller than the start for a y axis that grows upwards).</param>
/// <param name="Log">Whether the analysis scale is the log of the scale the ticks are labelled on.</param>
public sealed record Scale(double DomainMin, double DomainMax, double RangeStart, double RangeEnd, bool Log = false)
{
    /// <summary>The coordinate of a value on the analysis scale.</summary>
    public double this[double value] => RangeStart + ((value - DomainMin) / (DomainMax - DomainMin) * (RangeEnd - RangeStart));

    /// <summary>Whether a value on the analysis scale lies within the domain.</summary>
    public bool Contains(double value) => value >= Math.Min(DomainMin, DomainMax) && value <= Math.Max(DomainMin, DomainMax);

    /// <summary>
    /// Tick positions on the analysis scale with their labels: "nice" steps (1, 2, 2.5 or 5 × 10ⁿ, Heckbert 1990) for a
    /// linear axis; for a log axis, back-transformed values 0.01, 0.1, 0.2, 0.5, 1, 2, 5, 10 … that fall in the domain
    /// (and their reciprocals, so the ticks are symmetric around 1 when the domain is).
    /// </summary>
    public IReadOnlyList<(double Value, string Label)> Ticks(int target = 5)
    {
        if (!Log)
        {
            return [.. NiceTicks(DomainMin, DomainMax, target).Select(v => (v, Number(v)))];
        }

        double[] mantissas = [1, 2, 5];
        var candidates = new List<double>();
        for (var exponent = -6; exponent <= 6; exponent++)
        {
            candidates.AddRange(mantissas.Select(m => m * Math.Pow(10, exponent)));
        }

        var inDomain = candidates.Where(c => Contains(Math.Log(c))).ToList();
        while (inDomain.Count > target + 2)
        {
            // Too many: keep 1 and the powers of ten first, then thin the rest.
            var thinned = inDomain.Where(c => IsPowerOfTen(c)).ToList();
            if (thinned.Count >= 2 || thinned.Count == inDomain.Count)
            {
                inDomain = thinned;
                break;
            }

            inDomain = [.. inDomain.Where((_, i) => i % 2 == 0)];
        }

        return [.. inDomain.Select(v => (Math.Log(v), Number(v)))];
    }

    /// <summary>Evenly spaced "nice" values covering [min, max] (Heckbert, Graphics Gems 1990, "Nice numbers for graph labels").</summary>
    public static IReadOnlyList<double> NiceTicks(double min, double max, int target = 5)
    {
        if (!(max > min))
        {
            return [min];
        }

        if (!double.IsFinite(max - min))
        {
            return [min, max];
        }

        // Counted rather than stepped, so a step below the values' precision cannot loop for ever.
        var step = NiceStep((max - min) / Math.Max(1, target - 1));
        var first = Math.Ceiling((min / step) - 1e-9);
        var count = Math.Min(1000, Math.Floor((max / step) + 1e-9) - first + 1);
        var ticks = new List<double>();
        for (var k = 0; k < count; k++)
        {
            var v = (first + k) * step;
            ticks.Add(Math.Abs(v) < step * 1e-9 ? 0 : v);
        }

        return ticks.Count > 0 ? ticks : [min];
    }

    /// <summary>The smallest of 1, 2, 2.5, 5 or 10 × 10ⁿ not below <paramref name="rough"/>.</summary>
    public static double NiceStep(double rough)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var fraction = rough / power;
        return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10) * power;
    }

    /// <summary>
    /// A domain that holds every value and reads well: rounded out to the ticks of a linear axis, or to 1-2-5 values
    /// of a log axis; it always includes <paramref name="include"/> (the null value) when given.
    /// </summary>
    public static (double Min, double Max) NiceDomain(IEnumerable<double> values, bool log, double? include = null)
    {
        var finite = values.Where(double.IsFinite).ToList();
        if (include is { } i)
        {
            finite.Add(i);
        }

        if (finite.Count == 0)
        {
            return log ? (Math.Log(0.5), Math.Log(2)) : (-1, 1);
        }

        var (min, max) = (finite.Min(), finite.Max());
        if (!(max - min >= 1e-12 + (1e-9 * Math.Max(Math.Abs(min), Math.Abs(max)))))
        {
            // One value (or values equal to the precision of doubles): a domain around it, wide enough to be resolved.
            var pad = Math.Max(0.5, 1e-6 * Math.Max(Math.Abs(min), Math.Abs(max)));
            (min, max) = (min - pad, max + pad);
        }

        if (log)
        {
            double[] steps = [1, 2, 5];
            double Down(double v) => Enumerable.Range(-7, 15).SelectMany(e => steps.Select(m => m * Math.Pow(10, e))).Where(c => Math.Log(c) <= v + 1e-12).DefaultIfEmpty(1e-7).Max();
            double Up(double v) => Enumerable.Range(-7, 15).SelectMany(e => steps.Select(m => m * Math.Pow(10, e))).Where(c => Math.Log(c) >= v - 1e-12).DefaultIfEmpty(1e7).Min();
            return (Math.Log(Down(min)), Math.Log(Up(max)));
        }

        var step = NiceStep((max - min) / 4);
        return (Math.Floor((min / step) + 1e-9) * step, Math.Ceiling((max / step) - 1e-9) * step);
    }

    private static bool IsPowerOfTen(double v) => Math.Abs(Math.Log10(v) - Math.Round(Math.Log10(v))) < 1e-9;

    /// <summary>A tick label: the shortest invariant-culture form to 4 significant digits (0.5, 2, 0.01, 2.5).</summary>
    /// <remarks>Magnitudes from a million up, and below 0.0001, are written in E notation to 4 significant digits (1E+06).</remarks>
    public static string Number(double value) => Math.Abs(value) < 1e-12 ? "0"
        : Math.Abs(value) is >= 1e6 or < 1e-4 ? value.ToString("0.###E+00", CultureInfo.InvariantCulture)
        : value.ToString("0.####", CultureInfo.InvariantCulture);
}
