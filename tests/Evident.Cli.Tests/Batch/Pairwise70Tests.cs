using System.Text.Json;
using Evident.Analysis;
using Evident.Analysis.Input;
using Evident.Core.EffectSizes;
using Evident.Core.Models;
using Evident.Core.Tests;
using Evident.Tests.Shared;

namespace Evident.Cli.Tests.Batch;

/// <summary>
/// The whole Cochrane Pairwise70 collection (86,492 rows, 17,622 analyses) through batch mode, and REML on every
/// analysis that metafor's baseline script (<c>../shared/reference/pairwise70_metafor.R</c>) attempts, compared with
/// metafor's own fits (<c>tests/fixtures/pairwise70/metafor-reml.json</c>, made by <c>tests/fixtures/R/pairwise70.R</c>).
/// Slow (seconds, not milliseconds); CI runs them.
/// </summary>
[Trait("Category", "Slow")]
public sealed class Pairwise70Tests
{
    private const int Rows = 86_492;

    private static string File70 => SharedFiles.Data("pairwise70", "pairwise70.csv.gz");

    [Fact]
    public void WholeFile_NoCrash_EveryRowUsedOrReported_CountsPrinted()
    {
        var result = Cli.Run("analyze", File70, "--by", "review,Analysis.group,Analysis.number", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        var json = result.Json();
        var issues = json.GetProperty("issues").EnumerateArray().ToList();
        Assert.DoesNotContain(issues, i => i.GetProperty("code").GetString() == AnalysisIssueCodes.AnalysisFailed);

        var summary = json.GetProperty("summary");
        Assert.Equal(Rows, summary.GetProperty("rows").GetInt32());
        Assert.Equal(17_622, summary.GetProperty("analyses").GetInt32());
        var notUsed = summary.GetProperty("rows_not_used").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        Assert.DoesNotContain("unexplained", notUsed.Keys);
        Assert.Equal(Rows, summary.GetProperty("rows_used").GetInt32() + notUsed.Values.Sum());
        Assert.Equal(Rows, summary.GetProperty("rows_by_type").EnumerateObject().Sum(p => p.Value.GetInt32()));

        // Every row is in a fitted analysis with an effect size, or an issue names its line, or its analysis was
        // skipped by an analysis-level error.
        var outcomes = json.GetProperty("outcomes").EnumerateArray().ToList();
        Assert.Equal(summary.GetProperty("analyses_fitted").GetInt32(), outcomes.Count);
        Assert.All(outcomes, o => Assert.True(o.GetProperty("converged").GetBoolean()));
        var used = outcomes.SelectMany(o => o.GetProperty("studies").EnumerateArray())
            .Where(s => s.GetProperty("yi").ValueKind == JsonValueKind.Number)
            .Select(s => s.GetProperty("row").GetInt32())
            .ToHashSet();
        var reported = issues.Where(i => i.GetProperty("row").ValueKind == JsonValueKind.Number).Select(i => i.GetProperty("row").GetInt32()).ToHashSet();
        var listed = outcomes.SelectMany(o => o.GetProperty("studies").EnumerateArray()).Select(s => s.GetProperty("row").GetInt32()).ToList();
        Assert.All(listed, row => Assert.True(used.Contains(row) || reported.Contains(row), $"row {row} is neither used nor reported"));
        var skipped = issues.Count(i => i.GetProperty("row").ValueKind == JsonValueKind.Null && i.GetProperty("severity").GetString() == "error");
        Assert.Equal(17_622 - outcomes.Count, skipped);

        Assert.Contains("86,492 rows in 17,622 analyses", result.Error, StringComparison.Ordinal);
        Assert.Contains("rows by data type:", result.Error, StringComparison.Ordinal);
        Assert.Contains("issues by code:", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void RevManCheck_ReproducesAtLeast999PerThousandOfRevMansPrintedRows_AndExplainsTheRest()
    {
        var result = Cli.Run("revman-check", File70, "--format", "json");

        Assert.Equal(0, result.ExitCode);
        var json = result.Json();
        var summary = json.GetProperty("summary");
        Assert.Equal(Rows, summary.GetProperty("rows").GetInt32());
        var printed = summary.GetProperty("rows_with_printed_values").GetInt32();
        Assert.Equal(81_072, printed);
        Assert.True(summary.GetProperty("matched_share").GetDouble() >= 0.999, $"matched share {summary.GetProperty("matched_share").GetDouble()}");
        Assert.Equal(17_622, summary.GetProperty("analyses").GetInt32());
        Assert.True(summary.GetProperty("analyses_by_measure").EnumerateObject().Count() >= 8);

        // Every row RevMan printed a value for and that is not reproduced is listed, located, with a code.
        var exceptions = json.GetProperty("exceptions").EnumerateArray().ToList();
        Assert.Equal(Rows - summary.GetProperty("rows_by_code").GetProperty("matched").GetInt32()
            - summary.GetProperty("rows_by_code").GetProperty("revman-not-estimable").GetInt32(), exceptions.Count);
        Assert.All(exceptions, e => Assert.True(e.GetProperty("row").GetInt32() > 1 && e.GetProperty("code").GetString()!.Length > 0));
    }

    [Fact]
    public void Reml_ConvergesOnEveryAnalysisTheMetaforScriptAttempts_AndAgreesWithMetafor()
    {
        var fixture = JsonDocument.Parse(File.ReadAllText(Repo.Path("tests", "fixtures", "pairwise70", "metafor-reml.json"))).RootElement;
        var expected = fixture.GetProperty("analyses").EnumerateArray().ToDictionary(a => a.GetProperty("key").GetString()!);
        var attempted = AnalysesAsTheMetaforScriptForms();

        Assert.Equal(10_761, expected.Count);
        Assert.Equal(43, expected.Values.Count(a => a.GetProperty("default_fails").GetBoolean()));
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), attempted.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, (measure, yi, vi)) in attempted)
        {
            var metafor = expected[key];
            Assert.Equal(metafor.GetProperty("measure").GetString(), measure.ToString());
            Assert.Equal(metafor.GetProperty("k").GetInt32(), yi.Length);
            var fit = MetaAnalysis.Fit(yi, vi, new FitOptions { Method = Tau2Method.REML });
            Assert.True(fit.Converged, $"{key}: REML did not converge");
            Assert.True(IsRestrictedLikelihoodMaximum(yi, vi, fit.Tau2), $"{key}: τ² = {fit.Tau2} is not a maximum of the restricted likelihood");
            if (metafor.TryGetProperty("tau2", out var tau2))
            {
                var scale = vi.Average();
                Tolerances.Iterative.AssertClose(metafor.GetProperty("estimate").GetDouble(), fit.Estimate, $"{key} estimate");
                Tolerances.Iterative.AssertClose(metafor.GetProperty("se").GetDouble(), fit.StandardError, $"{key} se");
                Tolerances.Iterative.ScaledTo(scale).AssertClose(tau2.GetDouble(), fit.Tau2, $"{key} tau2");
                Tolerances.ClosedForm.AssertClose(metafor.GetProperty("q").GetDouble(), fit.Q, $"{key} Q");
            }
        }
    }

    /// <summary>
    /// REML log-likelihood ℓ(τ²) = −½[Σ log(vᵢ+τ²) + log Σwᵢ + Σwᵢ(yᵢ−μ̂)²] (Viechtbauer 2005, eq. 7), written here
    /// independently of Core: τ̂² must not be beaten by nearby values or by the boundary.
    /// </summary>
    private static bool IsRestrictedLikelihoodMaximum(double[] yi, double[] vi, double tau2)
    {
        double Ll(double t)
        {
            var w = vi.Select(v => 1 / (v + t)).ToArray();
            var mu = w.Zip(yi, (a, b) => a * b).Sum() / w.Sum();
            return -0.5 * (vi.Sum(v => Math.Log(v + t)) + Math.Log(w.Sum()) + w.Zip(yi, (a, b) => a * (b - mu) * (b - mu)).Sum());
        }

        var best = Ll(tau2);
        var noise = 1e-9 * (1 + Math.Abs(best));
        var step = Math.Max(tau2 * 1e-3, 1e-6 * vi.Average());
        return Ll(tau2 + step) <= best + noise && Ll(Math.Max(0, tau2 - step)) <= best + noise && Ll(0) <= best + noise;
    }

    /// <summary>
    /// The analyses the metafor script fits, formed by its rules: grouped by review + Analysis.group + Analysis.number
    /// (every row, whatever its Applicability); SMD when every row has both SDs &gt; 0 and both N &gt; 1, log OR when
    /// every row instead has both event counts and both N &gt; 0; escalc's defaults (an analysis with a negative count
    /// makes escalc stop, and is not fitted); studies with finite yi and vi; at least two of them.
    /// </summary>
    private static Dictionary<string, (EffectMeasure Measure, double[] Yi, double[] Vi)> AnalysesAsTheMetaforScriptForms()
    {
        var source = DataSource.Open(Evident.Cli.Files.InputFile.Open(File70));
        var rows = new Dictionary<string, List<StudyInput>>(StringComparer.Ordinal);
        using (var pass = source.OpenPass())
        {
            var reader = pass.Reader;
            reader.Read();
            var columns = ColumnMap.Build(reader.Fields(), File70, 1, _ => { });
            int[] key = [columns.Find("review"), columns.Find("Analysis.group"), columns.Find("Analysis.number")];
            var rowReader = new RowReader(source, columns, [.. new[] { DataType.Continuous, DataType.Binary }.SelectMany(DataTypes.Fields).Select(ColumnAliases.Normalize)]);
            while (reader.Read())
            {
                var name = string.Join('|', key.Select(reader.GetString));
                if (!rows.TryGetValue(name, out var list))
                {
                    rows[name] = list = [];
                }

                list.Add(rowReader.Read(reader, File70, null).Input!);
            }
        }

        static bool Continuous(StudyInput s) => s.Sd1i > 0 && s.Sd2i > 0 && s.N1i > 1 && s.N2i > 1;
        static bool Binary(StudyInput s) => !Continuous(s) && s.Ai is not null && s.Ci is not null && s.N1i > 0 && s.N2i > 0;

        var analyses = new Dictionary<string, (EffectMeasure, double[], double[])>(StringComparer.Ordinal);
        foreach (var (name, inputs) in rows)
        {
            EffectMeasure? measure = inputs.All(Continuous) ? EffectMeasure.SMD : inputs.All(Binary) ? EffectMeasure.OR : null;
            if (measure is not { } m)
            {
                continue;
            }

            var effects = Core.EffectSizes.EffectSizes.Compute(m, inputs);
            var usable = effects.Studies.Where(e => e.IsUsable).ToList();
            // escalc stops with an error (the script's "bad_input") when a count is negative, e.g. events above N.
            var escalcFails = effects.Issues.Any(i => i.Code is Core.IssueCodes.EventsExceedN or Core.IssueCodes.InvalidCount);
            if (usable.Count >= 2 && !escalcFails)
            {
                analyses[name] = (m, [.. usable.Select(e => e.Yi!.Value)], [.. usable.Select(e => e.Vi!.Value)]);
            }
        }

        return analyses;
    }
}
