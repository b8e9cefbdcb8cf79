using System.Globalization;
using System.Text.RegularExpressions;
using Evident.Core;

namespace Evident.Review.RiskOfBias;

/// <summary>A risk-of-bias table read from rows: the assessment (null when nothing can be drawn) and every problem found.</summary>
/// <param name="Assessment">The assessment; null when the table cannot be used at all (see the errors).</param>
/// <param name="Issues">
/// The problems, with <see cref="Issue.StudyIndex"/> the 0-based data row (after the header) and <see cref="Issue.Field"/>
/// the column's header; codes in <see cref="RobIssueCodes"/>.
/// </param>
public sealed record RobReadResult(RobAssessment? Assessment, IReadOnlyList<Issue> Issues);

/// <summary>
/// Reads robvis's table layout, <c>Study, D1..Dn, Overall[, Weight]</c> (McGuinness &amp; Higgins, Res Synth Methods
/// 2021;12:55), from rows already split into cells (the caller reads the file). Headers are matched ignoring case, spaces,
/// dots and underscores; domain columns are every other column, named <c>D1</c>… or by what they assess
/// (<c>Random.sequence.generation</c>, as RoB 1 tables are). Every bad cell is reported with its row, column and code,
/// and the rest is read.
/// </summary>
public static partial class RobTable
{
    private static readonly HashSet<string> StudyHeaders = ["study", "studies", "studyid", "studyname", "author", "authors", "studlab", "slab", "trial"];
    private static readonly HashSet<string> OverallHeaders = ["overall", "overallriskofbias", "overallrisk", "overallbias", "overalljudgement"];
    private static readonly HashSet<string> WeightHeaders = ["weight", "weights"];

    /// <summary>The most domain columns a table may have: a plot of more would be unreadable, and a header of any length must not size the picture.</summary>
    public const int MaxDomains = 30;

    /// <summary>
    /// Reads the table: <paramref name="header"/> then <paramref name="rows"/> of cells. <paramref name="tool"/> null
    /// recognises the tool from the judgement words and the number of domains (an info issue says which).
    /// </summary>
    public static RobReadResult Read(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows, RobTool? tool = null)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        var issues = new List<Issue>();
        int study = -1, overall = -1, weight = -1;
        var domainColumns = new List<int>();
        for (var c = 0; c < header.Count; c++)
        {
            var key = Normalize(header[c]);
            if (key.Length == 0)
            {
                if (rows.Any(r => c < r.Count && r[c].Trim().Length > 0))
                {
                    issues.Add(new Issue(RobIssueCodes.UnnamedColumn, IssueSeverity.Warning, $"Column {c + 1} has no header; it is ignored.", null, string.Empty));
                }
            }
            else if (study < 0 && StudyHeaders.Contains(key))
            {
                study = c;
            }
            else if (overall < 0 && OverallHeaders.Contains(key))
            {
                overall = c;
            }
            else if (weight < 0 && WeightHeaders.Contains(key))
            {
                weight = c;
            }
            else
            {
                domainColumns.Add(c);
            }
        }

        if (study < 0)
        {
            issues.Add(new Issue(RobIssueCodes.NoStudyColumn, IssueSeverity.Error,
                $"The header has no Study column (robvis's layout: Study, D1..Dn, Overall, Weight); it has {string.Join(", ", header)}."));
            return new(null, issues);
        }

        if (domainColumns.Count == 0)
        {
            issues.Add(new Issue(RobIssueCodes.NoDomains, IssueSeverity.Error, "The header has no domain columns (D1, D2, …) besides Study, Overall and Weight."));
            return new(null, issues);
        }

        if (domainColumns.Count > MaxDomains)
        {
            issues.Add(new Issue(RobIssueCodes.TooManyDomains, IssueSeverity.Warning,
                string.Create(CultureInfo.InvariantCulture, $"The header has {domainColumns.Count} domain columns; the plots draw the first {MaxDomains}, and the other columns are ignored."),
                Field: header[domainColumns[MaxDomains]]));
            domainColumns.RemoveRange(MaxDomains, domainColumns.Count - MaxDomains);
        }

        string Cell(IReadOnlyList<string> row, int c) => c >= 0 && c < row.Count ? row[c].Trim() : string.Empty;
        var chosen = tool ?? Detect(header, domainColumns, overall, rows, issues);
        var domains = Domains(header, domainColumns, ref chosen, tool is not null, issues);
        var levels = RobTools.Levels(chosen);

        Judgement? Judge(IReadOnlyList<string> row, int r, int c)
        {
            var text = Cell(row, c);
            if (Judgements.Parse(text) is not { } judgement)
            {
                issues.Add(new Issue(RobIssueCodes.UnknownJudgement, IssueSeverity.Error,
                    $"\"{text}\" is not a judgement ({string.Join(", ", levels.Select(l => RobTools.Word(chosen, l)))}, or empty for not applicable); the cell is left empty.",
                    r, header[c]));
                return null;
            }

            if (judgement != Judgement.NotApplicable && !levels.Contains(judgement))
            {
                issues.Add(new Issue(RobIssueCodes.JudgementNotInTool, IssueSeverity.Error,
                    $"\"{text}\" is not a {RobTools.DisplayName(chosen)} judgement (it has {string.Join(", ", levels.Select(l => RobTools.Word(chosen, l)))}); the cell is left empty.",
                    r, header[c]));
                return null;
            }

            return judgement;
        }

        var studies = new List<RobStudy>();
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            var label = Cell(row, study);
            if (label.Length == 0)
            {
                issues.Add(new Issue(RobIssueCodes.MissingStudy, IssueSeverity.Error, "The row has no study label; it is skipped.", r, header[study]));
                continue;
            }

            double? w = null;
            if (weight >= 0 && Cell(row, weight) is { Length: > 0 } wt && !IsMissing(wt))
            {
                if (double.TryParse(wt, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && value >= 0)
                {
                    w = value;
                }
                else
                {
                    issues.Add(new Issue(RobIssueCodes.BadWeight, IssueSeverity.Error, $"Weight \"{wt}\" is not a number ≥ 0; the study has no weight.", r, header[weight]));
                }
            }

            studies.Add(new RobStudy(label, [.. domainColumns.Select(c => Judge(row, r, c))], overall >= 0 ? Judge(row, r, overall) : null, w) { Row = r });
        }

        if (studies.Count == 0)
        {
            issues.Add(new Issue(RobIssueCodes.NoStudies, IssueSeverity.Error, "No row has a study to draw."));
            return new(null, issues);
        }

        if (!studies.Any(s => s.Domains.Append(s.Overall).Any(j => j is { } v && v != Judgement.NotApplicable)))
        {
            // No cell is a judgement (a studies CSV given by mistake, say): one error instead of one per cell.
            var unknown = issues.Where(i => i.Code == RobIssueCodes.UnknownJudgement).ToList();
            issues.RemoveAll(i => i.Code == RobIssueCodes.UnknownJudgement);
            var example = unknown.Count == 0 ? string.Empty
                : string.Create(CultureInfo.InvariantCulture, $" ({unknown.Count} cells are not judgements; the first, column {unknown[0].Field}: {unknown[0].Message.Split(" is not", 2)[0]})");
            issues.Add(new Issue(RobIssueCodes.NotARobTable, IssueSeverity.Error,
                $"No cell of the table is a risk-of-bias judgement{example}: it is not a risk-of-bias table in robvis's layout (Study, D1..Dn, Overall, Weight). Nothing was drawn."));
            return new(null, issues);
        }

        return new(new RobAssessment(chosen, domains, studies, overall >= 0), issues);
    }

    /// <summary>
    /// What a summary weighted by meta-analysis weight (robvis's <c>weighted = TRUE</c>) lacks: an error
    /// (<see cref="RobIssueCodes.NoWeights"/>) when no study has a weight &gt; 0, so it cannot be drawn, else a warning
    /// per study without a weight (<see cref="RobIssueCodes.MissingWeight"/>, at its row), which it leaves out.
    /// </summary>
    public static IReadOnlyList<Issue> WeightIssues(RobAssessment assessment)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        if (!assessment.Studies.Any(s => s.Weight is > 0))
        {
            return [new Issue(RobIssueCodes.NoWeights, IssueSeverity.Error, "--weighted needs a Weight column with a weight > 0 for the studies; nothing was drawn.")];
        }

        return [.. assessment.Studies.Where(s => s.Weight is null).Select(s => new Issue(RobIssueCodes.MissingWeight, IssueSeverity.Warning,
            $"Study \"{s.Study}\" has no weight; it is left out of the weighted summary.", s.Row))];
    }

    /// <summary>
    /// Recognises the tool as robvis's users mean it: the judgement words first (ROBINS-I's Serious and Critical,
    /// ROBINS-E's Very high, QUIPS's and ROBINS-I's Moderate, RoB 1's Unclear), then the number of D-domains (5 RoB 2,
    /// 4 QUADAS-2, 7 ROBINS-E); anything else is generic.
    /// </summary>
    private static RobTool Detect(IReadOnlyList<string> header, List<int> domainColumns, int overall, IReadOnlyList<IReadOnlyList<string>> rows, List<Issue> issues)
    {
        var words = new HashSet<string>();
        foreach (var row in rows)
        {
            foreach (var c in domainColumns.Append(overall).Where(c => c >= 0 && c < row.Count))
            {
                words.Add(row[c].Trim().ToLowerInvariant());
            }
        }

        var numbered = domainColumns.All(c => DomainHeader().IsMatch(header[c].Trim()));
        var n = domainColumns.Count;
        var hasD1b = domainColumns.Any(c => string.Equals(header[c].Trim(), "D1b", StringComparison.OrdinalIgnoreCase));
        var (tool, why) =
            words.Contains("serious") || words.Contains("critical") ? (RobTool.RobinsI, "the words Serious/Critical")
            : words.Contains("very high") ? (RobTool.RobinsE, "the words Very high")
            : words.Contains("moderate") ? (n == 6 ? (RobTool.Quips, "the word Moderate and 6 domains") : (RobTool.RobinsI, "the word Moderate"))
            : words.Contains("unclear") ? (RobTool.Rob1, "the word Unclear")
            : !numbered ? (RobTool.Generic, "named domain columns")
            : n == 5 || (n == 6 && hasD1b) ? (RobTool.Rob2, $"{n} domains D1–D5{(hasD1b ? " with D1b" : string.Empty)}")
            : n == 4 ? (RobTool.Quadas2, "4 domains D1–D4")
            : n == 7 ? (RobTool.RobinsE, "7 domains judged Low/Some concerns/High")
            : (RobTool.Generic, $"{n} domains");
        issues.Add(new Issue(RobIssueCodes.ToolDetected, IssueSeverity.Info,
            $"Read as {RobTools.DisplayName(tool)} ({why}); give --tool to choose another."));
        return tool;
    }

    /// <summary>The domains: the tool's names for D-numbered columns, the header's words for named ones.</summary>
    private static List<RobDomain> Domains(IReadOnlyList<string> header, List<int> columns, ref RobTool tool, bool given, List<Issue> issues)
    {
        var names = RobTools.DomainNames(tool);
        var numbered = columns.All(c => DomainHeader().IsMatch(header[c].Trim()));
        if (!numbered)
        {
            if (names.Count > 0 && columns.Count != names.Count && tool != RobTool.Rob1)
            {
                issues.Add(Mismatch(tool, columns.Count, given));
                tool = RobTool.Generic;
            }

            return [.. columns.Select((c, i) => new RobDomain($"D{i + 1}", Words(header[c])))];
        }

        var labels = columns.Select(c => "D" + header[c].Trim()[1..].ToLowerInvariant()).ToList();
        var expected = tool == RobTool.Rob2 && labels.Contains("D1b")
            ? ["D1", "D1b", "D2", "D3", "D4", "D5"]
            : Enumerable.Range(1, names.Count).Select(i => $"D{i}").ToList();
        if (tool == RobTool.Generic || (tool == RobTool.Rob1 && !labels.SequenceEqual(expected)))
        {
            return [.. labels.Select(l => new RobDomain(l, null))];
        }

        if (!labels.SequenceEqual(expected))
        {
            issues.Add(Mismatch(tool, columns.Count, given, string.Join(", ", labels)));
            tool = RobTool.Generic;
            return [.. labels.Select(l => new RobDomain(l, null))];
        }

        return [.. labels.Select(l => new RobDomain(l, l == "D1b" ? RobTools.Rob2ClusterDomain : names[int.Parse(l[1..], CultureInfo.InvariantCulture) - 1]))];
    }

    private static Issue Mismatch(RobTool tool, int found, bool given, string? labels = null)
    {
        var count = RobTools.DomainNames(tool).Count;
        return new Issue(RobIssueCodes.DomainsMismatch, given ? IssueSeverity.Warning : IssueSeverity.Info,
            $"{RobTools.DisplayName(tool)} has {count} domains (D1–D{count}{(tool == RobTool.Rob2 ? ", and D1b for cluster trials" : string.Empty)}) "
            + $"but the table has {found}{(labels is null ? string.Empty : $" ({labels})")}; the domains are drawn without {RobTools.DisplayName(tool)}'s names.");
    }

    /// <summary>A header as words: <c>Random.sequence.generation</c> → "Random sequence generation".</summary>
    private static string Words(string header) => Spaces().Replace(header.Replace('.', ' ').Replace('_', ' '), " ").Trim();

    private static string Normalize(string header) => new([.. header.Where(ch => ch is not ('.' or '_' or '-' or ' ')).Select(char.ToLowerInvariant)]);

    private static bool IsMissing(string text) => text.Equals("NA", StringComparison.OrdinalIgnoreCase) || text.Equals("NaN", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex("^[Dd][0-9]+[a-z]?$")]
    private static partial Regex DomainHeader();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
