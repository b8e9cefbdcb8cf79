namespace Evident.Benchmarks;

/// <summary>
/// The data metafor's speed page simulates: vi ~ U(0.01, 1), yi ~ N(0.5, vi + 0.25), i.e. μ = 0.5 and τ² = 0.25.
/// </summary>
internal static class Simulation
{
    /// <summary>The fixed seed every benchmark uses, so runs compare like with like.</summary>
    public const int Seed = 1234;

    public static (double[] Yi, double[] Vi) Simulate(int k, int seed = Seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        // Implementation note: System.Random with a seed is deterministic for a given .NET version, which is all a
        // benchmark needs; the data do not have to match R's draws (vs-metafor.sh shares one CSV for that).
        var random = new Random(seed);
        var yi = new double[k];
        var vi = new double[k];
        for (var i = 0; i < k; i++)
        {
            vi[i] = 0.01 + (0.99 * random.NextDouble());
            yi[i] = 0.5 + (Math.Sqrt(vi[i] + 0.25) * StandardNormal(random));
        }
        return (yi, vi);
    }

    /// <summary>Box-Muller transform (Box &amp; Muller 1958), one draw per call.</summary>
    private static double StandardNormal(Random random)
    {
        var u1 = 1.0 - random.NextDouble(); // (0, 1], so the log is finite
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
