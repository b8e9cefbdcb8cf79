using Evident.Rendering.Drawing;

namespace Evident.Rendering.Plots.Forest;

/// <summary>What a column of a forest plot holds.</summary>
internal enum ColumnKind
{
    Label,
    Cell,
    Weight,
    Effect,
    Plot,
    RiskOfBias,
}

/// <summary>A column: its content, its headers, where it is and how wide (from the widest measured text in it).</summary>
internal sealed class ForestColumnSlot(ColumnKind kind, int index, TextAnchor align)
{
    public ColumnKind Kind { get; } = kind;

    /// <summary>The extra column's or domain's index.</summary>
    public int Index { get; } = index;

    public TextAnchor Align { get; } = align;

    /// <summary>The header right above the lines.</summary>
    public string? Header { get; init; }

    /// <summary>A header over this column and the next ones with the same group.</summary>
    public string? Group { get; init; }

    public double X { get; set; }

    public double Width { get; set; }

    public double Right => X + Width;

    /// <summary>The x a text of this column is anchored at.</summary>
    public double AnchorX => Align switch
    {
        TextAnchor.Start => X,
        TextAnchor.End => X + Width,
        _ => X + (Width / 2),
    };

    /// <summary>This column's text on a line, or null.</summary>
    public string? TextOf(ForestLine line) => Kind switch
    {
        ColumnKind.Label => line.Kind is LineKind.Note or LineKind.Spacer ? null : line.Label,
        ColumnKind.Cell => Index < line.Cells.Count ? line.Cells[Index] : null,
        ColumnKind.Weight => line.Weight,
        ColumnKind.Effect => line.Effect,
        _ => null,
    };
}

/// <summary>The columns of a layout, their headers and their measured widths.</summary>
internal static class ForestColumns
{
    /// <summary>Horizontal space between columns.</summary>
    public const double Gap = 14;

    /// <summary>Space between risk-of-bias columns.</summary>
    public const double RobGap = 4;

    /// <summary>The columns in order, left to right; the plot's width is set later.</summary>
    public static List<ForestColumnSlot> Build(ForestPlotData data, ForestPlotOptions options, bool weights)
    {
        var revman = options.Layout == ForestLayout.RevMan;
        var level = ForestText.Number(data.Level, data.Level % 1 == 0 ? 0 : 1) + "% CI";
        var columns = new List<ForestColumnSlot> { new(ColumnKind.Label, 0, TextAnchor.Start) { Header = data.LabelHeader } };
        columns.AddRange(data.Columns.Select((c, i) => new ForestColumnSlot(ColumnKind.Cell, i, TextAnchor.End) { Header = c.Header, Group = c.Group }));
        var weight = new ForestColumnSlot(ColumnKind.Weight, 0, TextAnchor.End) { Header = "Weight" };
        var plot = new ForestColumnSlot(ColumnKind.Plot, 0, TextAnchor.Middle)
        {
            Header = revman ? data.MethodText ?? level : null,
            Group = revman ? data.EffectName : null,
        };
        if (revman)
        {
            if (weights)
            {
                columns.Add(weight);
            }

            columns.Add(new ForestColumnSlot(ColumnKind.Effect, 0, TextAnchor.End) { Header = data.MethodText ?? level, Group = data.EffectName });
            columns.Add(plot);
        }
        else
        {
            columns.Add(plot);
            if (weights)
            {
                columns.Add(weight);
            }

            columns.Add(new ForestColumnSlot(ColumnKind.Effect, 0, TextAnchor.End) { Header = $"{data.EffectName} [{level}]" });
        }

        columns.AddRange(data.RiskOfBiasDomains.Select((d, i) => new ForestColumnSlot(ColumnKind.RiskOfBias, i, TextAnchor.Middle)
        {
            Header = d.Key,
            Group = "Risk of Bias",
        }));
        return columns;
    }

    /// <summary>
    /// Sets each text column's width to its widest text (headers bold), widens the columns under a group header that is
    /// wider than they are, and returns the widths.
    /// </summary>
    public static void Measure(List<ForestColumnSlot> columns, IReadOnlyList<ForestLine> lines, TextStyle regular, TextStyle bold, double glyphDiameter)
    {
        foreach (var column in columns.Where(c => c.Kind != ColumnKind.Plot))
        {
            var width = column.Header is { } h ? Canvas.Measure(h, bold, MaxWidth(column, bold)).Width : 0;
            foreach (var line in lines)
            {
                if (column.TextOf(line) is { Length: > 0 } text)
                {
                    var style = line.Bold || line.Kind == LineKind.SubgroupHeader ? bold : regular;
                    width = Math.Max(width, Canvas.Measure(text, style, MaxWidth(column, style)).Width);
                }
            }

            column.Width = column.Kind == ColumnKind.RiskOfBias ? Math.Max(width, glyphDiameter) : width;
        }
    }

    /// <summary>
    /// The widest a column's text is drawn, longer ones cut with an ellipsis: 40 em for the study labels, 24 em for the
    /// other columns' headers and cells (numbers, weights, estimates need far less), so no label or cell sizes the picture.
    /// </summary>
    public static double MaxWidth(ForestColumnSlot column, TextStyle style) => (column.Kind == ColumnKind.Label ? 40 : 24) * style.Size;

    /// <summary>The groups of consecutive columns of one kind that share a group header: (first, last, text).</summary>
    public static List<(int First, int Last, string Text)> Groups(List<ForestColumnSlot> columns)
    {
        var groups = new List<(int, int, string)>();
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i].Group is not { } g)
            {
                continue;
            }

            var last = i;
            while (last + 1 < columns.Count && columns[last + 1].Group == g && columns[last + 1].Kind == columns[i].Kind)
            {
                last++;
            }

            groups.Add((i, last, g));
            i = last;
        }

        return groups;
    }

    /// <summary>The gap after column <paramref name="i"/> (none after the last).</summary>
    public static double GapAfter(List<ForestColumnSlot> columns, int i)
        => i + 1 >= columns.Count ? 0 : columns[i].Kind == ColumnKind.RiskOfBias && columns[i + 1].Kind == ColumnKind.RiskOfBias ? RobGap : Gap;
}
