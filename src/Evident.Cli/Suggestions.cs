namespace Evident.Cli;

/// <summary>
/// "Did you mean …?" for a mistyped option, command or option value: the candidate nearest to what was typed by the
/// optimal string alignment distance (Levenshtein's edits plus the transposition of two adjacent characters; Damerau
/// 1964), ignoring case, when it is near enough to be a slip of the keyboard; or the one candidate the typed text begins.
/// </summary>
internal static class Suggestions
{
    /// <summary>
    /// The candidate nearest to <paramref name="typed"/>: at most one edit per three characters (at least one, at most
    /// three; leading dashes not counted), the first of equally near ones; or the only candidate that starts with
    /// <paramref name="typed"/> (three characters or more); null when none is near.
    /// </summary>
    public static string? Closest(string typed, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(typed);
        ArgumentNullException.ThrowIfNull(candidates);
        var list = candidates.Distinct(StringComparer.Ordinal).ToList();
        var lower = typed.ToLowerInvariant();
        var core = lower.TrimStart('-');
        var limit = Math.Clamp(core.Length / 3, 1, 3);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in list)
        {
            var distance = Distance(lower, candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        if (best is not null && bestDistance > 0 && bestDistance <= limit)
        {
            return best;
        }

        var prefixed = core.Length >= 3 ? list.Where(c => c.StartsWith(typed, StringComparison.OrdinalIgnoreCase)).Take(2).ToList() : [];
        return prefixed.Count == 1 ? prefixed[0] : null;
    }

    /// <summary>The optimal string alignment distance between <paramref name="a"/> and <paramref name="b"/>.</summary>
    public static int Distance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
