using System.Globalization;
using System.Text;

namespace Evident.Rendering.Reports;

/// <summary>
/// The part of a file name that stands for an outcome (<c>forest-TB-cases.svg</c>, <c>bcg.forest-TB-cases.svg</c>):
/// one per outcome, safe in a file name on every system, and different for different outcomes, also where the file
/// system ignores case: "A/B", "A-B" and "A B" all read <c>A-B</c>, so the first keeps it and the others get their
/// outcome's number (<c>A-B-2</c>, <c>A-B-3</c>), the same on every run.
/// </summary>
public static class OutcomeFileNames
{
    /// <summary>The longest name part taken from an outcome's name.</summary>
    private const int MaxLength = 40;

    /// <summary>
    /// The name parts of <paramref name="outcomes"/> (in order; null: an analysis without an outcome column, named by
    /// its number), unique ignoring case.
    /// </summary>
    public static IReadOnlyList<string> Assign(IReadOnlyList<string?> outcomes)
    {
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var names = new string[outcomes.Count];
        for (var i = 0; i < outcomes.Count; i++)
        {
            var number = (i + 1).ToString(CultureInfo.InvariantCulture);
            var safe = Safe(outcomes[i]);
            var name = safe.Length == 0 ? number : safe;
            for (var n = 2; !taken.Add(name); n++)
            {
                name = n == 2 && safe.Length > 0 ? $"{safe}-{number}" : $"{(safe.Length == 0 ? number : safe)}-{number}-{n}";
            }

            names[i] = name;
        }

        return names;
    }

    /// <summary>
    /// Letters, digits, <c>-</c> and <c>_</c> of <paramref name="outcome"/>, every other run of characters one
    /// <c>-</c>, trimmed, at most <see cref="MaxLength"/> characters; empty when nothing is left.
    /// </summary>
    internal static string Safe(string? outcome)
    {
        var s = new StringBuilder();
        foreach (var c in (outcome ?? string.Empty).Normalize(NormalizationForm.FormC))
        {
            var keep = char.IsLetterOrDigit(c) || c == '_';
            if (keep)
            {
                s.Append(c);
            }
            else if (s.Length > 0 && s[^1] != '-')
            {
                s.Append('-');
            }
        }

        var safe = s.ToString().TrimEnd('-');
        return safe.Length > MaxLength ? safe[..MaxLength].TrimEnd('-') : safe;
    }
}
