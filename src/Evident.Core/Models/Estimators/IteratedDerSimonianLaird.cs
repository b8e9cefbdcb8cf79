namespace Evident.Core.Models.Estimators;

/// <summary>
/// Iterated DerSimonian-Laird estimator (DerSimonian &amp; Kacker 2007, §3.2): repeat the DL moment step with
/// weights 1/(vᵢ + τ²) from the previous step, τ²ₙ₊₁ = max(0, τ²ₙ + (Q(τ²ₙ) − (k − 1)) / tr P(τ²ₙ)), until it
/// settles. Its fixed point solves the Paule-Mandel equation; if the iteration does not settle, the bracketed
/// Paule-Mandel root is used and a warning says so.
/// </summary>
internal static class IteratedDerSimonianLaird
{
    public static Tau2Estimate Estimate(StudyData data)
    {
        var k = data.K;
        var tau2 = 0.0;
        var tolerance = 1e-14 * data.Scale;
        for (var iteration = 1; iteration <= data.MaxIterations; iteration++)
        {
            var sums = data.At(tau2);
            var next = Math.Max(0, tau2 + ((sums.Rss - (k - 1)) / sums.TraceP));
            if (!double.IsFinite(next))
            {
                break;
            }

            if (Math.Abs(next - tau2) <= tolerance * (1 + (tau2 / data.Scale)))
            {
                return new Tau2Estimate(next, PauleMandel.StandardError(data, next), iteration);
            }

            tau2 = next;
        }

        var fallback = PauleMandel.SolveFor(data, k - 1);
        return fallback with
        {
            Iterations = fallback.Iterations + data.MaxIterations,
            Note = fallback.Note ?? new Issue(IssueCodes.NotConverged, IssueSeverity.Info,
                "The iterated DL steps did not settle; their fixed point was found by a bracketed root search instead."),
        };
    }
}
