using System.Globalization;
namespace Evident.Analysis.Input;

/// <summary>
/// Columns of the analysed file that a plot needs beyond what the analysis read (a cumulative forest's order, a funnel
/// plot's sample sizes), by the line each record starts on, so they can be matched to <see cref="StudyRow.Row"/>.
/// </summary>
public static class InputColumns
{
    /// <summary>The text of the first column whose header <paramref name="matches"/>, per line; null when the file has no such column.</summary>
    public static Dictionary<int, string>? ByLine(DataInput input, Func<string, bool> matches)
    {
        var columns = ByLine(input, [matches]);
        return columns?[0];
    }

    /// <summary>
    /// Each record's sample size, per line: its <c>ni</c> column (or an alias such as <c>n</c>), else the sum of
    /// <c>n1i</c> and <c>n2i</c>; lines whose cells are not numbers &gt; 0 are left out. Empty when the file has neither.
    /// </summary>
    public static Dictionary<int, double> SampleSizes(DataInput input)
    {
        static bool Is(string header, string field) => ColumnAliases.Resolve(header) == field;
        var columns = ByLine(input, [h => Is(h, "ni"), h => Is(h, "n1i"), h => Is(h, "n2i")]);
        var sizes = new Dictionary<int, double>();
        if (columns is not [var ni, var n1, var n2])
        {
            return sizes;
        }

        foreach (var line in ni.Keys.Concat(n1.Keys).Distinct())
        {
            var size = Number(ni.GetValueOrDefault(line)) ?? (Number(n1.GetValueOrDefault(line)) + Number(n2.GetValueOrDefault(line)));
            if (size is > 0)
            {
                sizes[line] = size.Value;
            }
        }

        return sizes;
    }

    /// <summary>For each header test, the text of the first column it matches per line (empty when none matches); null when the file has no header.</summary>
    private static List<Dictionary<int, string>>? ByLine(DataInput input, IReadOnlyList<Func<string, bool>> tests)
    {
        var source = DataSource.Open(input);
        if (source.Rejection is not null)
        {
            return null;
        }

        source.SettleEncoding();
        using var pass = source.OpenPass();
        var reader = pass.Reader;
        if (!reader.Read())
        {
            return null;
        }

        var headers = reader.Fields();
        var indices = tests.Select(t => Array.FindIndex(headers, h => t(h.Trim()))).ToList();
        if (indices.All(i => i < 0))
        {
            return null;
        }

        var columns = indices.Select(_ => new Dictionary<int, string>()).ToList();
        while (reader.Read())
        {
            for (var c = 0; c < indices.Count; c++)
            {
                if (indices[c] >= 0)
                {
                    columns[c][reader.Line] = reader.GetString(indices[c]);
                }
            }
        }

        return columns;
    }

    private static double? Number(string? text)
        => double.TryParse(text?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null;
}
