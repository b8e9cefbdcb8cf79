using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Evident.Evidence.Sources;

namespace Evident.Evidence.Checking;

/// <summary>One outcome of a published abstract and what its numbers say about each other.</summary>
public sealed record AbstractOutcome
{
    /// <summary>The outcome's name as the abstract abbreviates it ("MEP").</summary>
    public required string Name { get; init; }

    /// <summary>Its full name where the abstract defines it ("maximal expiratory pressure").</summary>
    public string? FullName { get; init; }

    /// <summary>The measure label of its estimate (SMD, OR, …), or null.</summary>
    public string? Measure { get; init; }

    /// <summary>The estimate.</summary>
    public NumericClaim? Estimate { get; init; }

    /// <summary>CI lower bound.</summary>
    public NumericClaim? Lower { get; init; }

    /// <summary>CI upper bound.</summary>
    public NumericClaim? Upper { get; init; }

    /// <summary>The p value.</summary>
    public NumericClaim? P { get; init; }

    /// <summary>I².</summary>
    public NumericClaim? I2 { get; init; }

    /// <summary>Whether the CI is well formed (null without a CI).</summary>
    public bool? CiWellFormed { get; init; }

    /// <summary>Whether the CI is symmetric about the estimate on the analysis scale, within rounding (null when not checked).</summary>
    public bool? CiSymmetric { get; init; }

    /// <summary>Whether the p agrees with the CI (null when there is no p or no CI).</summary>
    public bool? PAgreesWithCi { get; init; }

    /// <summary>The p the CI implies, from the printed numbers.</summary>
    public double? RecomputedP { get; init; }

    /// <summary>The range of p the CI implies over the rounding of its numbers.</summary>
    public ValueRange? RecomputedPRange { get; init; }

    /// <summary>For an outcome with a p and no CI: the CI the p implies (Altman &amp; Bland 2011).</summary>
    public (double Lower, double Upper, ValueRange LowerRange, ValueRange UpperRange)? ImpliedCi { get; init; }

    /// <summary>Line of the outcome's estimate (or p) in the file.</summary>
    public int Line { get; init; }

    /// <summary>Column.</summary>
    public int Column { get; init; }
}

/// <summary>What the internal-consistency check of an abstract found.</summary>
/// <param name="Outcomes">The outcomes with reported results, in the abstract's order.</param>
/// <param name="Findings">Findings (CI malformed or asymmetric, p against CI, I² out of range).</param>
public sealed record AbstractCheckResult(ImmutableArray<AbstractOutcome> Outcomes, ImmutableArray<Finding> Findings)
{
    /// <summary>Whether any finding is an error or a decision error.</summary>
    public bool HasErrors => Findings.Any(f => f.IsErrorLevel);
}

/// <summary>
/// Checks a published abstract against itself, with no source: each reported result (estimate, CI, p, I²) is read, its
/// CI checked for form and symmetry, its p checked against the CI (Altman &amp; Bland 2011; statcheck's rounding rule),
/// and for a result with a p but no CI the CI the p implies is given. Outcomes are the abbreviations the abstract
/// defines ("maximal expiratory pressure (MEP)") other than statistics (CI, SMD, …), the intervention and the
/// condition (a definition whose words name a training, therapy, disease or syndrome).
/// </summary>
public static partial class AbstractCheck
{
    private static readonly HashSet<string> Statistics = new(StringComparer.OrdinalIgnoreCase)
    {
        "CI", "CIS", "SMD", "SMDS", "MD", "MDS", "WMD", "OR", "ORS", "RR", "RRS", "HR", "HRS", "RD", "RCT", "RCTS", "SD", "SE", "PI", "IQR",
        "GRADE", "PRISMA", "SR", "MA", "NMA",
    };

    /// <summary>Checks the abstract <paramref name="document"/>.</summary>
    public static AbstractCheckResult Run(SummaryDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var outcomes = Definitions(document);
        var sentences = ClaimReader.Read(document, new OutcomeNames(outcomes), outcomes);
        var findings = new List<Finding>();
        var results = new List<AbstractOutcome>();
        var byId = new Dictionary<string, OutcomeEvidence>(StringComparer.Ordinal);
        foreach (var o in outcomes)
        {
            byId.TryAdd(o.Id, o);
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var s in sentences)
        {
            foreach (var g in s.Groups.Where(g => g.Estimate is not null || g.P is not null))
            {
                var outcome = g.OutcomeId is { } id ? byId.GetValueOrDefault(id) : null;
                var name = outcome?.Name ?? $"Result {results.Count + 1}";
                if (outcome is not null)
                {
                    // The second result of an outcome is "MEP (2)", the third "MEP (3)".
                    var count = seen[outcome.Id] = seen.GetValueOrDefault(outcome.Id) + 1;
                    name += count > 1 ? $" ({count})" : "";
                }

                results.Add(Check(document, s, g, name, outcome?.FullName, findings));
            }
        }

        findings.AddRange(Finding.Of(document.Notes, document));
        return new AbstractCheckResult([.. results], [.. findings.OrderBy(f => f.Offset)]);
    }

    private static AbstractOutcome Check(SummaryDocument document, Sentence s, ResultGroup g, string name, string? fullName, List<Finding> findings)
    {
        var measure = g.Estimate?.Measure is { Length: > 0 } m ? m : null;
        var isRatio = measure is not null && Measures.IsRatio(measure);
        var first = g.Estimate ?? g.P!;
        var (line, column) = document.Locate(first.Offset);
        var result = new AbstractOutcome
        {
            Name = name,
            FullName = fullName,
            Measure = measure,
            Estimate = g.Estimate,
            Lower = g.Lower,
            Upper = g.Upper,
            P = g.P,
            I2 = g.I2,
            Line = line,
            Column = column,
        };

        void Add(string code, NumericClaim at, string quote, string message)
        {
            var (l, c) = document.Locate(at.Offset);
            findings.Add(new Finding(FindingCodes.SeverityOf(code), code, l, c, quote, null, null, $"{name}: {message}") { Offset = at.Offset });
        }

        if (g.I2 is { Value: < 0 or > 100 } i2)
        {
            Add(FindingCodes.I2OutOfRange, i2, i2.Text, $"I² = {i2.Text} is outside 0–100%.");
        }

        if (g.Lower is { } lo && g.Upper is { } up)
        {
            var quote = s.Block.Text[lo.Start..up.End];
            if (Intervals.Problem(g.Estimate, lo, up, isRatio) is { } problem)
            {
                Add(FindingCodes.CiMalformed, lo, quote, problem);
                return result with { CiWellFormed = false };
            }

            result = result with { CiWellFormed = true };
            if (g.Estimate is { } e)
            {
                var symmetric = Intervals.Symmetric(e.AsNumber, lo.AsNumber, up.AsNumber, isRatio);
                result = result with { CiSymmetric = symmetric };
                if (!symmetric)
                {
                    Add(FindingCodes.CiAsymmetric, lo, quote, $"the CI {lo.Text} to {up.Text} is not symmetric about {e.Text}{(isRatio ? " on the log scale" : "")}, beyond rounding.");
                }

                var level = g.Level?.Value ?? 95;
                if (g.P is { } p && Intervals.PFromCi(e.AsNumber, lo.AsNumber, up.AsNumber, isRatio, level) is var (range, point))
                {
                    var reported = new ReportedP(p.AsNumber, p.Relation);
                    var agrees = Intervals.PAgrees(reported, range);
                    var excludes = Intervals.ExcludesNull(lo.AsNumber, up.AsNumber, isRatio ? 1 : 0);
                    result = result with { PAgreesWithCi = agrees, RecomputedP = point, RecomputedPRange = range };
                    if (!agrees && Intervals.PSignificant(reported) is { } sig && excludes is { } ex && sig != ex)
                    {
                        Add(FindingCodes.PCiDecisionError, p, p.Text, $"p {Rel(p)} {p.Text} is {(sig ? "" : "not ")}significant but the CI {(ex ? "excludes" : "includes")} no effect (the CI implies p = {P(point)}).");
                    }
                    else if (!agrees)
                    {
                        Add(FindingCodes.PCiInconsistent, p, p.Text, $"p {Rel(p)} {p.Text} does not agree with the CI, which implies p = {P(point)} ({P(range.Low)} to {P(range.High)} allowing for rounding).");
                    }
                }
            }
        }
        else if (g.Estimate is { } e && g.P is { Relation: PRelation.Equal } p && Intervals.CiFromP(e.AsNumber, p.AsNumber, isRatio) is { } implied)
        {
            result = result with { ImpliedCi = implied };
        }

        return result;
    }

    private static string Rel(NumericClaim p) => p.Relation switch { PRelation.Less => "<", PRelation.Greater => ">", _ => "=" };

    internal static string P(double p) => p < 0.0001 ? p.ToString("0.##E+0", CultureInfo.InvariantCulture) : p.ToString("0.0000", CultureInfo.InvariantCulture);

    /// <summary>Outcomes the abstract defines: "full name (ABBR)", without statistics, the intervention and the condition.</summary>
    internal static List<OutcomeEvidence> Definitions(SummaryDocument document)
    {
        var outcomes = new List<OutcomeEvidence>();
        var defined = new HashSet<string>(StringComparer.Ordinal);
        var failed = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var block in document.Blocks)
        {
            foreach (Match m in Definition().Matches(block.Text))
            {
                var abbreviation = m.Groups["abbr"].Value;
                var letters = new string([.. abbreviation.Where(char.IsUpper)]).ToLowerInvariant();
                // An abbreviation whose words were not found before it eight times is not looked for again.
                if (letters.Length < 2 || Statistics.Contains(abbreviation) || defined.Contains(abbreviation) || failed.GetValueOrDefault(abbreviation) >= 8)
                {
                    continue;
                }

                // The full name is among the 16 words before the parenthesis (a bounded window: linear in the text).
                var words = DefinitionWord().Matches(Window.Before(block.Text, m.Index, 300)).Select(w => w.Value).ToList();
                string? full = null;
                for (var k = 1; k <= Math.Min(14, words.Count); k++)
                {
                    var phrase = words.TakeLast(k).ToList();
                    if (char.ToLowerInvariant(phrase[0][0]) == letters[0] && IsSubsequence(letters, string.Concat(phrase.Select(w => char.ToLowerInvariant(w[0])))))
                    {
                        var before = words.Count > k + 1 ? $"{words[^(k + 2)]} {words[^(k + 1)]}".ToLowerInvariant() : "";
                        full = (before == "ratio of" ? "ratio of " : "") + string.Join(' ', phrase);
                        break;
                    }
                }

                if (full is null || NotAnOutcome().IsMatch(full))
                {
                    failed[abbreviation] = failed.GetValueOrDefault(abbreviation) + 1;
                    continue;
                }

                defined.Add(abbreviation);
                outcomes.Add(new OutcomeEvidence { Id = PublishedResults.Slug(abbreviation), Name = abbreviation, FullName = full, Measure = "GEN" });
            }
        }

        return outcomes;
    }

    private static bool IsSubsequence(string letters, string initials)
    {
        var i = 0;
        foreach (var c in initials)
        {
            if (i < letters.Length && c == letters[i])
            {
                i++;
            }
        }

        return i == letters.Length;
    }

    [GeneratedRegex(@"\((?<abbr>[A-Z][A-Za-z0-9₁/-]{1,15})\)", RegexOptions.CultureInvariant)]
    private static partial Regex Definition();

    [GeneratedRegex(@"[\w'’-]+", RegexOptions.CultureInvariant)]
    private static partial Regex DefinitionWord();

    [GeneratedRegex(@"\b(training|therapy|therapies|treatment|intervention|exercise|programme|program|sclerosis|disease|syndrome|disorder|cancer|injury|infection|drug|surgery|confidence|difference|trial|review)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NotAnOutcome();

    /// <summary>The result as text: one paragraph per outcome, then the findings and counts.</summary>
    public static string Text(AbstractCheckResult result, string file)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sb = new StringBuilder();
        sb.Append(OneLine.Of($"{file}: {CheckReport.Plural(result.Outcomes.Length, "reported result")}")).Append("\n\n");
        foreach (var o in result.Outcomes)
        {
            sb.Append(OneLine.Of(string.Create(CultureInfo.InvariantCulture, $"{o.Name}{(o.FullName is null ? "" : $" ({o.FullName})")}  {Reported(o)}  [{file}:{o.Line}:{o.Column}]"))).Append('\n');
            if (o.Lower is null)
            {
                sb.Append("  CI: not reported\n");
            }
            else
            {
                sb.Append(CultureInfo.InvariantCulture, $"  CI well formed: {YesNo(o.CiWellFormed)}{(o.CiSymmetric is { } sym ? $"; symmetric about the estimate within rounding: {YesNo(sym)}" : "")}\n");
            }

            if (o.PAgreesWithCi is { } agrees)
            {
                sb.Append(CultureInfo.InvariantCulture,
                    $"  p agrees with CI: {YesNo(agrees)} (the CI implies p = {P(o.RecomputedP!.Value)}; {P(o.RecomputedPRange!.Value.Low)} to {P(o.RecomputedPRange.Value.High)} allowing for rounding)\n");
            }
            else if (o.P is null)
            {
                sb.Append("  p: not reported\n");
            }

            if (o.ImpliedCi is var (l, u, lr, ur))
            {
                sb.Append(CultureInfo.InvariantCulture,
                    $"  CI implied by p {Rel(o.P!)} {o.P!.Text}: {N(l)} to {N(u)} (lower {N(lr.Low)} to {N(lr.High)}, upper {N(ur.Low)} to {N(ur.High)} allowing for rounding; Altman & Bland 2011); it {(l < NullOf(o) && u > NullOf(o) ? "includes" : "excludes")} no effect\n");
            }

            sb.Append('\n');
        }

        foreach (var f in result.Findings)
        {
            sb.Append(OneLine.Of(string.Create(CultureInfo.InvariantCulture, $"{file}:{f.Line}:{f.Column}  {f.SeverityName}  {f.Code}  \"{f.Quote}\"  {f.Message}"))).Append('\n');
        }

        var errors = result.Findings.Count(f => f.Severity == FindingSeverity.Error);
        var decisions = result.Findings.Count(f => f.Severity == FindingSeverity.DecisionError);
        var warnings = result.Findings.Count(f => f.Severity == FindingSeverity.Warning);
        sb.Append(CultureInfo.InvariantCulture, $"{CheckReport.Plural(errors, "error")}, {CheckReport.Plural(decisions, "decision error")}, {CheckReport.Plural(warnings, "warning")}.\n");
        return sb.ToString();
    }

    private static double NullOf(AbstractOutcome o) => o.Measure is { } m && Measures.IsRatio(m) ? 1 : 0;

    private static string Reported(AbstractOutcome o)
    {
        var parts = new List<string>();
        if (o.Estimate is { } e)
        {
            parts.Add($"{o.Measure ?? "estimate"} {e.Text}");
        }

        if (o.Lower is { } l && o.Upper is { } u)
        {
            parts.Add($"CI {l.Text} to {u.Text}");
        }

        if (o.P is { } p)
        {
            parts.Add($"p {Rel(p)} {p.Text}");
        }

        if (o.I2 is { } i2)
        {
            parts.Add($"I² {i2.Text}{(i2.Percent ? "" : "%")}");
        }

        return string.Join(", ", parts);
    }

    private static string YesNo(bool? b) => b switch { true => "yes", false => "no", _ => "not checked" };

    private static string N(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>The result as JSON.</summary>
    public static string Json(AbstractCheckResult result, string file)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var stream = new MemoryStream();
        using (var w = new System.Text.Json.Utf8JsonWriter(stream, new System.Text.Json.JsonWriterOptions
        {
            Indented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }))
        {
            w.WriteStartObject();
            w.WriteString("file", OneLine.ValidUtf16(file));
            w.WriteStartArray("outcomes");
            foreach (var o in result.Outcomes)
            {
                w.WriteStartObject();
                w.WriteString("name", OneLine.ValidUtf16(o.Name));
                w.WriteString("full_name", o.FullName is { } full ? OneLine.ValidUtf16(full) : null);
                w.WriteString("measure", o.Measure);
                Number(w, "estimate", o.Estimate);
                Number(w, "ci_lower", o.Lower);
                Number(w, "ci_upper", o.Upper);
                Number(w, "p", o.P);
                w.WriteString("p_relation", o.P is { } p ? Rel(p) : null);
                Number(w, "i2", o.I2);
                Bool(w, "ci_well_formed", o.CiWellFormed);
                Bool(w, "ci_symmetric", o.CiSymmetric);
                Bool(w, "p_agrees_with_ci", o.PAgreesWithCi);
                if (o.RecomputedP is { } rp && o.RecomputedPRange is { } range)
                {
                    CheckReport.WriteNumberOrNull(w, "recomputed_p", rp);
                    w.WriteStartArray("recomputed_p_range");
                    CheckReport.WriteNumberOrNullValue(w, range.Low);
                    CheckReport.WriteNumberOrNullValue(w, range.High);
                    w.WriteEndArray();
                }

                if (o.ImpliedCi is var (l, u, lr, ur))
                {
                    w.WriteStartObject("implied_ci");
                    CheckReport.WriteNumberOrNull(w, "lower", l);
                    CheckReport.WriteNumberOrNull(w, "upper", u);
                    w.WriteStartArray("lower_range");
                    CheckReport.WriteNumberOrNullValue(w, lr.Low);
                    CheckReport.WriteNumberOrNullValue(w, lr.High);
                    w.WriteEndArray();
                    w.WriteStartArray("upper_range");
                    CheckReport.WriteNumberOrNullValue(w, ur.Low);
                    CheckReport.WriteNumberOrNullValue(w, ur.High);
                    w.WriteEndArray();
                    w.WriteEndObject();
                }

                w.WriteNumber("line", o.Line);
                w.WriteNumber("column", o.Column);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("findings");
            foreach (var f in result.Findings)
            {
                CheckReport.WriteFinding(w, f);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";

        static void Number(System.Text.Json.Utf8JsonWriter w, string name, NumericClaim? c)
        {
            if (c is null)
            {
                w.WriteNull(name);
            }
            else
            {
                CheckReport.WriteNumberOrNull(w, name, c.Value);
            }
        }

        static void Bool(System.Text.Json.Utf8JsonWriter w, string name, bool? b)
        {
            if (b is { } v)
            {
                w.WriteBoolean(name, v);
            }
            else
            {
                w.WriteNull(name);
            }
        }
    }
}
