namespace Evident.Rendering.Plots.Forest;

/// <summary>What one line of a forest plot holds.</summary>
internal enum LineKind
{
    /// <summary>A subgroup's name.</summary>
    SubgroupHeader,

    /// <summary>A study: texts, square and whiskers.</summary>
    Study,

    /// <summary>A pooled result: texts and diamond.</summary>
    Pooled,

    /// <summary>RevMan's prediction-interval row under a pooled result.</summary>
    Prediction,

    /// <summary>RevMan's "Total events" row.</summary>
    TotalEvents,

    /// <summary>A line of text from the left margin (heterogeneity, tests, legend).</summary>
    Note,

    /// <summary>An empty line between blocks.</summary>
    Spacer,
}

/// <summary>
/// One line of the plot, its texts already formatted: the label, the extra columns, the weight and the estimate text.
/// </summary>
internal sealed record ForestLine(LineKind Kind, string Label)
{
    public bool Bold { get; init; }

    public IReadOnlyList<string> Cells { get; init; } = [];

    public string? Weight { get; init; }

    public string? Effect { get; init; }

    public ForestRow? Study { get; init; }

    public ForestPooled? Pooled { get; init; }

    /// <summary>Whether the line has a mark in the plot column.</summary>
    public bool HasMark => Kind is LineKind.Study or LineKind.Pooled or LineKind.Prediction;
}

/// <summary>Turns the data into the lines of a layout, top to bottom.</summary>
internal static class ForestLines
{
    /// <summary>The most study rows a forest plot draws (with subgroups, counted over all of them); the rest are counted in a note.</summary>
    public const int MaxStudies = 1000;

    public static List<ForestLine> Build(ForestPlotData data, ForestPlotOptions options)
    {
        var revman = options.Layout == ForestLayout.RevMan;
        var lines = new List<ForestLine>();
        var budget = MaxStudies;
        IEnumerable<ForestLine> Studies(IReadOnlyList<ForestRow> rows)
        {
            var shown = rows.Take(Math.Max(0, budget)).Select(s => StudyLine(s, data, options)).ToList();
            budget -= shown.Count;
            return shown;
        }

        if (data.Subgroups.Count > 0)
        {
            foreach (var subgroup in data.Subgroups)
            {
                lines.Add(new ForestLine(LineKind.SubgroupHeader, subgroup.Header) { Bold = true });
                lines.AddRange(Studies(subgroup.Studies));
                if (subgroup.Pooled is { } pooled)
                {
                    AddPooled(lines, pooled, data, options, subgroupTest: null, predictionRow: false);
                }

                lines.Add(new ForestLine(LineKind.Spacer, string.Empty));
            }
        }
        else
        {
            lines.AddRange(Studies(data.Studies));
            if (data.Overall is not null)
            {
                lines.Add(new ForestLine(LineKind.Spacer, string.Empty));
            }
        }

        if (data.Overall is { } overall)
        {
            AddPooled(lines, overall, data, options, data.SubgroupTest, predictionRow: true);
        }
        else if (data.SubgroupTest is { } test)
        {
            lines.Add(new ForestLine(LineKind.Note, revman ? ForestText.RevManSubgroupTest(test) : ForestText.MetaforSubgroupTest(test)));
        }

        while (lines.Count > 0 && lines[^1].Kind == LineKind.Spacer)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        var hidden = data.AllStudies.Count() - MaxStudies;
        if (hidden > 0)
        {
            lines.Add(new ForestLine(LineKind.Note, string.Create(
                System.Globalization.CultureInfo.InvariantCulture, $"{Drawing.Fonts.Ellipsis} {hidden} more studies not drawn (a forest plot draws at most {MaxStudies})")));
        }

        if (data.RiskOfBiasDomains.Count > 0)
        {
            lines.Add(new ForestLine(LineKind.Note, "Risk of bias legend") { Bold = true });
            foreach (var domain in data.RiskOfBiasDomains)
            {
                lines.Add(new ForestLine(LineKind.Note, domain.Description is { } d ? $"({domain.Key}) {d}" : $"({domain.Key})"));
            }
        }

        return lines;
    }

    private static ForestLine StudyLine(ForestRow row, ForestPlotData data, ForestPlotOptions options)
    {
        var effect = row is { Estimate: { } e, Lower: { } lo, Upper: { } hi }
            ? ForestText.EstimateAndCi(e, lo, hi, data.Log, options.Decimals)
            : ForestText.NotEstimable;
        return new ForestLine(LineKind.Study, row.Label)
        {
            Cells = row.Cells,
            Weight = row.WeightPercent is { } w ? ForestText.Weight(w) : null,
            Effect = effect,
            Study = row,
        };
    }

    private static void AddPooled(List<ForestLine> lines, ForestPooled pooled, ForestPlotData data, ForestPlotOptions options, ForestSubgroupTest? subgroupTest, bool predictionRow)
    {
        var revman = options.Layout == ForestLayout.RevMan;
        lines.Add(new ForestLine(LineKind.Pooled, pooled.Label)
        {
            Bold = revman,
            Cells = pooled.Cells,
            Weight = pooled.WeightPercent is { } w ? ForestText.Weight(w) : null,
            Effect = ForestText.EstimateAndCi(pooled.Estimate, pooled.Lower, pooled.Upper, data.Log, options.Decimals),
            Pooled = pooled,
        });
        if (revman && predictionRow && pooled.PredictionInterval is { } pi)
        {
            lines.Add(new ForestLine(LineKind.Prediction, "Prediction interval")
            {
                Effect = ForestText.Interval(pi.Lower, pi.Upper, data.Log, options.Decimals),
                Pooled = pooled,
            });
        }

        if (pooled.TotalEvents.Count > 0)
        {
            lines.Add(new ForestLine(LineKind.TotalEvents, "Total events") { Cells = pooled.TotalEvents });
        }

        if (pooled.Heterogeneity is { } h)
        {
            lines.Add(new ForestLine(LineKind.Note, revman ? ForestText.RevManHeterogeneity(h) : ForestText.MetaforHeterogeneity(h)));
        }

        if (pooled.Test is { } test)
        {
            lines.Add(new ForestLine(LineKind.Note, revman ? ForestText.RevManTest(test) : ForestText.MetaforTest(test)));
        }

        if (subgroupTest is { } s)
        {
            lines.Add(new ForestLine(LineKind.Note, revman ? ForestText.RevManSubgroupTest(s) : ForestText.MetaforSubgroupTest(s)));
        }
    }
}
