using System.Globalization;
using System.Text.RegularExpressions;

namespace Evident.Core.Models.Regression;

/// <summary>
/// A set of coefficients (metafor's <c>btt</c>): by 1-based position as in R (<c>2:4</c>, <c>c(2, 5)</c>), or by a
/// pattern matched against the coefficient names (as R's <c>grep</c>: <c>"alloc"</c> selects every column whose name
/// contains <c>alloc</c>, e.g. <c>allocrandom</c> and <c>ablat:allocrandom</c>).
/// </summary>
public sealed class CoefficientSelection
{
    private readonly int[]? _positions;
    private readonly string? _pattern;

    private CoefficientSelection(int[]? positions, string? pattern)
    {
        _positions = positions;
        _pattern = pattern;
    }

    /// <summary>The 1-based positions given, or null for a pattern.</summary>
    public IReadOnlyList<int>? Positions => _positions;

    /// <summary>The name pattern given, or null for positions.</summary>
    public string? Pattern => _pattern;

    /// <summary>Coefficients by 1-based position (duplicates and order do not matter, as in metafor).</summary>
    public static CoefficientSelection ByPosition(params int[] oneBased)
    {
        ArgumentNullException.ThrowIfNull(oneBased);
        return new CoefficientSelection(oneBased.ToArray(), null);
    }

    /// <summary>
    /// Coefficients whose names match <paramref name="pattern"/>, a regular expression as in R's <c>grep</c>; text that is
    /// not a valid regular expression (such as <c>I(x</c>) is matched literally.
    /// </summary>
    public static CoefficientSelection ByName(string pattern)
    {
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        return new CoefficientSelection(null, pattern);
    }

    /// <summary>
    /// Reads a selection as typed on a command line: positions and ranges separated by commas (<c>2:4</c>, <c>2,5</c>,
    /// <c>2:3,6</c>, also R's <c>c(2, 5)</c>), otherwise a name pattern.
    /// </summary>
    public static CoefficientSelection Parse(string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        var body = text.Trim();
        if (body.StartsWith("c(", StringComparison.Ordinal) && body.EndsWith(')'))
        {
            body = body[2..^1];
        }

        var positions = new List<int>();
        foreach (var part in body.Split(',', StringSplitOptions.TrimEntries))
        {
            var range = part.Split(':', StringSplitOptions.TrimEntries);
            if (range.Length is < 1 or > 2 || !range.All(r => int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            {
                return ByName(text.Trim());
            }

            var from = int.Parse(range[0], CultureInfo.InvariantCulture);
            var to = int.Parse(range[^1], CultureInfo.InvariantCulture);
            for (var i = Math.Min(from, to); i <= Math.Max(from, to); i++)
            {
                positions.Add(i);
            }
        }

        return new CoefficientSelection(positions.ToArray(), null);
    }

    /// <summary>The selection as it would be typed.</summary>
    public override string ToString() => _pattern ?? string.Join(",", _positions!.Select(p => p.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The sorted distinct 0-based indices among <paramref name="names"/>, or an <c>invalid-btt</c> issue.</summary>
    internal (int[]? Indices, Issue? Problem) Resolve(IReadOnlyList<string> names)
    {
        if (_positions is { } positions)
        {
            var bad = positions.Where(i => i < 1 || i > names.Count).ToList();
            if (bad.Count > 0 || positions.Length == 0)
            {
                return (null, new Issue(IssueCodes.InvalidBtt, IssueSeverity.Error, string.Create(CultureInfo.InvariantCulture,
                    $"The coefficients to test ({this}) must be positions 1 to {names.Count} ({string.Join(", ", names)}); the omnibus test is not computed.")));
            }

            return (positions.Select(i => i - 1).Distinct().Order().ToArray(), null);
        }

        Func<string, bool> matches;
        try
        {
            var regex = new Regex(_pattern!, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            matches = regex.IsMatch;
        }
        catch (ArgumentException)
        {
            matches = name => name.Contains(_pattern!, StringComparison.Ordinal);
        }

        var found = Enumerable.Range(0, names.Count).Where(i => matches(names[i])).ToArray();
        if (found.Length == 0)
        {
            return (null, new Issue(IssueCodes.InvalidBtt, IssueSeverity.Error,
                $"No coefficient name matches '{_pattern}' ({string.Join(", ", names)}); the omnibus test is not computed."));
        }

        return (found, null);
    }
}
