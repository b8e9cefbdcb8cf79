using System.Text;
using Evident.Analysis;

namespace Evident.Cli.Tests.Batch;

/// <summary>
/// Groups whose rows are interleaved are held compactly until their last row, not as parsed rows, and give the same
/// analyses as the same rows in contiguous order.
/// </summary>
public sealed class InterleavedGroupsTests : IDisposable
{
    private const int Groups = 50;
    private const int RowsPerGroup = 40;
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Table(bool interleaved)
    {
        var text = new StringBuilder("g,study,yi,vi\n");
        var random = new Random(7);
        var rows = new List<(int Group, string Line)>();
        for (var g = 0; g < Groups; g++)
        {
            for (var r = 0; r < RowsPerGroup; r++)
            {
                var v = 0.01 + random.NextDouble();
                rows.Add((g, $"G{g},s{g}-{r},{(random.NextDouble() - 0.3).ToString("R", System.Globalization.CultureInfo.InvariantCulture)},{v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}"));
            }
        }

        var ordered = interleaved ? rows.OrderBy(r => rows.IndexOf(r) % RowsPerGroup).ThenBy(r => r.Group) : rows.AsEnumerable();
        foreach (var (_, line) in ordered)
        {
            text.Append(line).Append('\n');
        }

        return text.ToString();
    }

    [Fact]
    public void InterleavedGroups_GiveTheSameAnalysesAsContiguousOnes()
    {
        var interleaved = Cli.Run("analyze", _dir.Write("i.csv", Table(interleaved: true)), "--by", "g", "--format", "csv");
        var contiguous = Cli.Run("analyze", _dir.Write("c.csv", Table(interleaved: false)), "--by", "g", "--format", "csv");

        Assert.Equal(0, interleaved.ExitCode);
        Assert.Equal(Groups + 1, interleaved.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(contiguous.Output, interleaved.Output);
    }

    [Fact]
    public void InterleavedGroups_AreNotHeldAsParsedRows()
    {
        var input = DataInput.FromText("i.csv", Table(interleaved: true));
        var grouped = GroupedSource.Open(input, columns => [columns.Find("g")], _ => { }, _ => { }, out var source, out _)!;
        var rows = new RowReader(source!, grouped.Columns, ["yi", "vi"]);
        var reader = new GroupReader<int>(source!, grouped.Index, rows, "i.csv", null, (_, groupRows) => groupRows.Count);
        var counts = new List<int>();

        reader.Run((_, count) => counts.Add(count));

        Assert.Equal(Enumerable.Repeat(RowsPerGroup, Groups), counts);
        Assert.Equal(0, reader.PeakRowsHeld);
        Assert.InRange(reader.PeakStoredBytes, 1, Groups * RowsPerGroup * 64L);
    }
}
