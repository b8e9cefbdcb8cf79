using System.Globalization;
using Evident.Cli.Input;
using Evident.Rendering.Plots.Forest;
using Evident.Rendering.RiskOfBias;

namespace Evident.Cli.Plotting;

/// <summary>
/// Risk-of-bias judgements for the traffic-light columns of a forest plot, read from robvis's CSV layout
/// (<c>Study, D1, …, Dn, Overall[, Weight]</c>; McGuinness &amp; Higgins 2021): one row per study, one column per domain.
/// </summary>
/// <param name="Path">The file as given.</param>
/// <param name="Domains">The domain columns (the overall judgement last, if the file has one).</param>
/// <param name="Rows">The rows: study label, line and judgement per domain (null: blank).</param>
/// <param name="Issues">Problems found while reading, one printable line each.</param>
internal sealed record ForestRiskOfBias(
    string Path, IReadOnlyList<ForestRobDomain> Domains, IReadOnlyList<(string Study, int Line, Judgement?[] Judgements)> Rows, IReadOnlyList<string> Issues)
{
    /// <summary>RoB 2's domains (Sterne et al., BMJ 2019;366:l4898).</summary>
    private static readonly string[] Rob2 =
    [
        "Bias arising from the randomization process", "Bias due to deviations from intended interventions", "Bias due to missing outcome data",
        "Bias in measurement of the outcome", "Bias in selection of the reported result",
    ];

    /// <summary>ROBINS-I's domains (Sterne et al., BMJ 2016;355:i4919).</summary>
    private static readonly string[] RobinsI =
    [
        "Bias due to confounding", "Bias in selection of participants into the study", "Bias in classification of interventions",
        "Bias due to deviations from intended interventions", "Bias due to missing data", "Bias in measurement of outcomes",
        "Bias in selection of the reported result",
    ];

    /// <summary>Reads the file; throws the I/O exceptions of <see cref="DataSource.Open"/> when it cannot be read.</summary>
    public static ForestRiskOfBias Read(string path)
    {
        var source = DataSource.Open(path);
        using var pass = source.OpenPass();
        var reader = pass.Reader;
        var issues = new List<string>();
        if (!reader.Read())
        {
            return new ForestRiskOfBias(path, [], [], [$"{path}: the file has no header [{CliIssueCodes.EmptyFile}]"]);
        }

        var header = reader.Fields().Select(h => h.Trim()).ToArray();
        var columns = Enumerable.Range(1, Math.Max(0, header.Length - 1))
            .Where(i => !string.Equals(header[i], "Weight", StringComparison.OrdinalIgnoreCase))
            .OrderBy(i => string.Equals(header[i], "Overall", StringComparison.OrdinalIgnoreCase) ? 1 : 0)
            .ToList();
        var domains = DomainsOf([.. columns.Select(i => header[i])]);
        var rows = new List<(string, int, Judgement?[])>();
        while (reader.Read())
        {
            var fields = reader.Fields();
            var study = fields.Length > 0 ? fields[0].Trim() : string.Empty;
            if (study.Length == 0)
            {
                continue;
            }

            var judgements = new Judgement?[columns.Count];
            for (var d = 0; d < columns.Count; d++)
            {
                var text = columns[d] < fields.Length ? fields[columns[d]] : string.Empty;
                judgements[d] = Judgements.Parse(text);
                if (judgements[d] is null)
                {
                    issues.Add(string.Create(CultureInfo.InvariantCulture,
                        $"{path}:{reader.Line}: column {header[columns[d]]}: \"{text.Trim()}\" is not a risk-of-bias judgement; it is drawn blank [{CliIssueCodes.RobUnknownJudgement}]"));
                }
            }

            rows.Add((study, reader.Line, judgements));
        }

        return new ForestRiskOfBias(path, domains, rows, issues);
    }

    /// <summary>
    /// Column keys and legend texts: <c>D1</c>…<c>Dn</c> keep their names (with RoB 2's or ROBINS-I's domain names when
    /// there are 5 or 7 of them), other headers are lettered A, B, … with the header as the legend, and the overall
    /// judgement is <c>O</c>.
    /// </summary>
    private static List<ForestRobDomain> DomainsOf(IReadOnlyList<string> headers)
    {
        var isOverall = headers.Select(h => string.Equals(h, "Overall", StringComparison.OrdinalIgnoreCase)).ToArray();
        var numbered = headers.Where((h, i) => !isOverall[i]).ToList();
        var named = numbered.All(h => h.Length >= 2 && (h[0] is 'D' or 'd') && h[1..].All(char.IsAsciiDigit));
        var names = named && numbered.Count == 5 ? Rob2 : named && numbered.Count == 7 ? RobinsI : null;
        var domains = new List<ForestRobDomain>();
        for (var i = 0; i < headers.Count; i++)
        {
            if (isOverall[i])
            {
                domains.Add(new ForestRobDomain("O", "Overall risk of bias"));
            }
            else if (named)
            {
                var n = int.Parse(headers[i][1..], CultureInfo.InvariantCulture);
                domains.Add(new ForestRobDomain("D" + headers[i][1..], names is not null && n >= 1 && n <= names.Length ? names[n - 1] : null));
            }
            else
            {
                domains.Add(new ForestRobDomain(((char)('A' + i)).ToString(), headers[i].Replace('.', ' ').Replace('_', ' ').Trim()));
            }
        }

        return domains;
    }
}
