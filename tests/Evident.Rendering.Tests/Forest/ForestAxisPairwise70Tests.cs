using System.Globalization;
using System.IO.Compression;
using Evident.Rendering.Plots.Forest;
using Evident.Rendering.Tests.RiskOfBias;
using Evident.Tests.Shared;

namespace Evident.Rendering.Tests.Forest;

/// <summary>
/// The forest axis on every analysis of Pairwise70 (Cochrane reviews, <c>../shared/data/pairwise70</c>), drawn from the
/// studies' estimates and CIs as RevMan reported them: no ordinary CI (at most <see cref="ForestAxis.OrdinaryWidth"/>
/// times the median width) ends in an arrow it does not need, in either layout.
/// </summary>
public class ForestAxisPairwise70Tests(ITestOutputHelper output)
{
    [Fact]
    [Trait("Category", "Slow")]
    public void NoOrdinaryCi_IsCutByTheAxis()
    {
        var analyses = Analyses();
        var (cis, cut, unnecessary, withArrows) = (0, 0, 0, 0);
        var examples = new List<string>();
        foreach (var (key, data) in analyses)
        {
            var studies = data.Studies;
            var widths = studies.Select(s => s.Upper!.Value - s.Lower!.Value).Order().ToList();
            var median = (widths[(widths.Count - 1) / 2] + widths[widths.Count / 2]) / 2;
            var any = false;
            foreach (var layout in new[] { ForestLayout.RevMan, ForestLayout.Metafor })
            {
                var (min, max) = ForestAxis.Domain(data, new ForestPlotOptions { Layout = layout });
                foreach (var s in studies)
                {
                    var clipped = s.Lower < min - 1e-9 || s.Upper > max + 1e-9;
                    cis += layout == ForestLayout.RevMan ? 1 : 0;
                    if (clipped && layout == ForestLayout.RevMan)
                    {
                        cut++;
                        any = true;
                    }

                    if (clipped && s.Upper - s.Lower <= ForestAxis.OrdinaryWidth * median)
                    {
                        unnecessary++;
                        if (examples.Count < 5)
                        {
                            examples.Add($"{key} {layout}: {s.Label} [{s.Lower}, {s.Upper}] on {min}..{max}");
                        }
                    }
                }
            }

            withArrows += any ? 1 : 0;
        }

        output.WriteLine($"{analyses.Count} analyses, {cis} CIs: {cut} CIs end in an arrow (RevMan layout), in {withArrows} analyses; {unnecessary} unnecessary.");
        Assert.True(analyses.Count > 1000, $"{analyses.Count} analyses");
        Assert.True(unnecessary == 0, string.Join("\n", examples));
    }

    /// <summary>Every analysis with two or more studies with an estimate and CI: log axis for ratios of dichotomous data.</summary>
    private static List<(string Key, ForestPlotData Data)> Analyses()
    {
        var path = SharedFiles.Data("pairwise70", "pairwise70.csv.gz");
        using var stream = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var reader = new StreamReader(stream);
        var table = Table.Parse(reader.ReadToEnd());
        int Column(string name) => table.Header.ToList().IndexOf(name);
        var (review, group, number, study, mean, lo, hi, cases) = (Column("review"), Column("Analysis.group"), Column("Analysis.number"), Column("Study"),
            Column("Mean"), Column("CI.start"), Column("CI.end"), Column("Experimental.cases"));
        static double? Number(string text) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null;

        var result = new List<(string, ForestPlotData)>();
        foreach (var analysis in table.Rows.GroupBy(r => $"{r[review]} {r[group]}.{r[number]}"))
        {
            var rows = analysis
                .Select(r => (Label: r[study], Mean: Number(r[mean]), Lower: Number(r[lo]), Upper: Number(r[hi]), Dichotomous: Number(r[cases]) is not null))
                .Where(r => r.Mean is not null && r.Lower is not null && r.Upper is not null && r.Lower <= r.Upper)
                .ToList();
            if (rows.Count < 2)
            {
                continue;
            }

            var log = rows.All(r => r.Dichotomous && r.Lower > 0);
            double T(double v) => log ? Math.Log(v) : v;
            var studies = rows.Select(r => new ForestRow(r.Label, T(r.Mean!.Value), T(r.Lower!.Value), T(r.Upper!.Value))).ToList();
            if (studies.Any(s => !double.IsFinite(s.Lower!.Value) || !double.IsFinite(s.Upper!.Value)))
            {
                continue;
            }

            result.Add((analysis.Key, new ForestPlotData { EffectName = "Effect", Log = log, Studies = studies }));
        }

        return result;
    }
}
