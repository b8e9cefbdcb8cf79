using System.Collections.Concurrent;
using Evident.Cli.Input;

namespace Evident.Cli.Analysis;

/// <summary>
/// The second pass over a file: reads every row and hands over each group as soon as its last row is read (the
/// first pass, <see cref="GroupIndex"/>, says where that is). Only the rows of groups still open are held, and at most
/// <see cref="Capacity"/> complete groups wait to be analysed, so memory stays bounded.
/// </summary>
internal sealed class GroupReader(DataSource source, GroupIndex index, RowReader rowReader, string path, Func<GroupInfo, string?>? label)
{
    /// <summary>Complete groups waiting for the analysing thread.</summary>
    private const int Capacity = 256;

    private int _records;

    /// <summary>Complete groups, in the order their last rows appear; marked complete at the end of the file.</summary>
    public BlockingCollection<(GroupInfo Group, List<InputRow> Rows)> Completed { get; } = new(Capacity);

    /// <summary>Fraction of the records read so far.</summary>
    public double Fraction => (double)Volatile.Read(ref _records) / Math.Max(1, index.Records);

    /// <summary>Reads the file; throws <see cref="IOException"/> if it changed since the first pass.</summary>
    public void Run(CancellationToken cancel)
    {
        try
        {
            var open = new Dictionary<int, List<InputRow>>();
            using var pass = source.OpenPass();
            var reader = pass.Reader;
            reader.Read();
            var record = 0;
            while (reader.Read())
            {
                record++;
                var group = index.Find(reader) ?? throw new IOException("The file changed while it was being read.");
                if (!open.TryGetValue(group.Ordinal, out var rows))
                {
                    open[group.Ordinal] = rows = new List<InputRow>(group.Rows);
                }

                rows.Add(rowReader.Read(reader, path, label?.Invoke(group)));
                if (record == group.LastRecord)
                {
                    open.Remove(group.Ordinal);
                    Completed.Add((group, rows), cancel);
                }

                if ((record & 255) == 0)
                {
                    Volatile.Write(ref _records, record);
                }
            }

            Volatile.Write(ref _records, record);
            if (record != index.Records || open.Count > 0)
            {
                throw new IOException("The file changed while it was being read.");
            }
        }
        finally
        {
            Completed.CompleteAdding();
        }
    }
}
