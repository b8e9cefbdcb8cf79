using System.Globalization;
using System.Runtime.ExceptionServices;
using Evident.Analysis.Input;

namespace Evident.Analysis;

/// <summary>
/// The second pass over a file: reads every row on a reading thread, closes each group as soon as its last row is read
/// (the first pass, <see cref="GroupIndex"/>, says where that is), analyses the groups and hands the results, in the
/// order the groups closed, to the thread that called <see cref="Run"/>.
/// </summary>
/// <remarks>
/// Implementation note: complete groups travel in batches of about <see cref="BatchRows"/> rows. Both threads analyse
/// batches (analysis is the larger part of the work): the calling thread takes the oldest batch waiting; the reading
/// thread, rather than read further while <see cref="Waiting"/> batches wait, analyses the newest itself, and helps
/// with what is left once the file is read. Only the calling thread passes results on, in order. At most
/// <see cref="MaxPending"/> batches are read and not yet passed on, so memory stays bounded: the rows of groups still
/// open and of those batches. A group whose records are interleaved with other groups' is held compactly (its records'
/// needed cells as bytes, <see cref="RowStore"/>) until its last record, and only then parsed, so a file of many
/// interleaved groups is held in about the size of its needed cells rather than as parsed rows.
/// </remarks>
/// <typeparam name="T">What analysing one group gives.</typeparam>
internal sealed class GroupReader<T>(
    DataSource source, GroupIndex index, RowReader rowReader, string path, Func<GroupInfo, string?>? label, Func<GroupInfo, List<InputRow>, T> analyse)
{
    /// <summary>Rows per batch: enough that handing a batch over costs little next to analysing it.</summary>
    private const int BatchRows = 256;

    /// <summary>Batches waiting to be analysed before the reading thread helps with them.</summary>
    private const int Waiting = 2;

    /// <summary>Batches read and not yet passed on before the reading thread stops reading.</summary>
    private const int MaxPending = 8;

    private readonly object _lock = new();
    private readonly List<Batch> _unclaimed = [];
    private readonly Queue<Batch> _pending = new();
    private bool _readingDone;
    private bool _stopped;
    private Exception? _readError;
    private Exception? _analysisError;
    private int _records;

    /// <summary>
    /// The most rows held as parsed rows by open groups whose records follow each other (one group at a time in a
    /// well-formed pass); rows of interleaved groups are held in <see cref="RowStore"/>s instead.
    /// </summary>
    internal int PeakRowsHeld { get; private set; }

    /// <summary>The most bytes of records held in <see cref="RowStore"/>s at once.</summary>
    internal long PeakStoredBytes { get; private set; }

    /// <summary>Fraction of the records read so far.</summary>
    public double Fraction => (double)Volatile.Read(ref _records) / Math.Max(1, index.Records);

    /// <summary>
    /// Reads the file and passes each group with its result to <paramref name="done"/> on this thread, in the order the
    /// groups closed. Throws what reading threw (an <see cref="IOException"/> if the file changed since the first
    /// pass) once every group read before the problem has been passed on.
    /// </summary>
    public void Run(Action<GroupInfo, T> done)
    {
        // The reading thread analyses too: in the caller's culture, as the caller would.
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        var reader = Task.Run(
            () =>
            {
                (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
                Read();
            },
            CancellationToken.None);
        try
        {
            while (Next() is { } batch)
            {
                if (batch.Results is null)
                {
                    Analyse(batch);
                    lock (_lock)
                    {
                        batch.Results = batch.Analysed;
                    }

                    continue;
                }

                for (var i = 0; i < batch.Groups.Count; i++)
                {
                    done(batch.Groups[i].Group, batch.Results[i]);
                }
            }
        }
        finally
        {
            lock (_lock)
            {
                _stopped = true;
                Monitor.PulseAll(_lock);
            }

            reader.Wait(CancellationToken.None);
        }

        if (_analysisError is not null || _readError is not null)
        {
            ExceptionDispatchInfo.Throw(_analysisError ?? _readError!);
        }
    }

    /// <summary>
    /// The calling thread's next task: the oldest batch if it is analysed (to pass on; <see cref="Batch.Results"/> set),
    /// else the oldest batch waiting to be analysed (claimed; <see cref="Batch.Results"/> null); null when all is done.
    /// </summary>
    private Batch? Next()
    {
        lock (_lock)
        {
            while (true)
            {
                if (_analysisError is not null)
                {
                    return null;
                }

                if (_pending.TryPeek(out var head) && head.Results is not null)
                {
                    _pending.Dequeue();
                    Monitor.PulseAll(_lock);
                    return head;
                }

                if (_unclaimed.Count > 0)
                {
                    var oldest = _unclaimed[0];
                    _unclaimed.RemoveAt(0);
                    return oldest;
                }

                if (_readingDone && _pending.Count == 0)
                {
                    return null;
                }

                Monitor.Wait(_lock);
            }
        }
    }

    private void Analyse(Batch batch)
    {
        var results = new T[batch.Groups.Count];
        for (var i = 0; i < results.Length; i++)
        {
            results[i] = analyse(batch.Groups[i].Group, batch.Groups[i].Rows);
        }

        batch.Analysed = results;
    }

    /// <summary>The reading thread.</summary>
    private void Read()
    {
        var batch = new Batch();
        try
        {
            // Rows of a group whose records follow each other are read as they come; those of a group interleaved with
            // others wait in a compact store until its last record, and are read then (RowStore).
            var open = new Dictionary<int, List<InputRow>>();
            var stored = new Dictionary<int, RowStore>();
            using var pass = source.OpenPass();
            var reader = pass.Reader;
            reader.Read();
            var headings = index.Headings?.Restart();
            reader.Want([0, .. index.KeyColumns, .. rowReader.Columns, .. headings?.Columns ?? []]);
            int[] columns = [.. rowReader.Columns];
            var slots = Enumerable.Repeat(-1, columns.Length == 0 ? 0 : columns.Max() + 1).ToArray();
            for (var c = 0; c < columns.Length; c++)
            {
                slots[columns[c]] = c;
            }

            var lookup = index.CreateLookup();
            var batchRows = 0;
            GroupInfo? last = null;
            List<InputRow>? lastRows = null;
            var record = 0;
            long heldBytes = 0;
            while (reader.Read())
            {
                if (headings is not null && headings.IsHeading(reader))
                {
                    continue;
                }

                record++;
                var group = lookup.Find(reader) ?? throw new IOException("The file changed while it was being read.");
                List<InputRow> rows;
                if (!group.Contiguous)
                {
                    if (!stored.TryGetValue(group.Ordinal, out var store))
                    {
                        stored[group.Ordinal] = store = new RowStore();
                    }

                    var before = store.Bytes;
                    store.Add(reader, columns);
                    heldBytes += store.Bytes - before;
                    PeakStoredBytes = Math.Max(PeakStoredBytes, heldBytes);
                    if (record != group.LastRecord)
                    {
                        continue;
                    }

                    stored.Remove(group.Ordinal);
                    heldBytes -= store.Bytes;
                    rows = new List<InputRow>(group.Rows);
                    var name = label?.Invoke(group);
                    store.ForEach(columns, slots, reader.HeaderCellCount, cells => rows.Add(rowReader.Read(cells, path, name)));
                }
                else
                {
                    if (!ReferenceEquals(group, last))
                    {
                        if (!open.TryGetValue(group.Ordinal, out lastRows))
                        {
                            open[group.Ordinal] = lastRows = new List<InputRow>(group.Rows);
                        }

                        last = group;
                    }

                    rows = lastRows!;
                    rows.Add(rowReader.Read(reader, path, label?.Invoke(group)));
                    PeakRowsHeld = Math.Max(PeakRowsHeld, rows.Count);
                }

                if (record == group.LastRecord)
                {
                    open.Remove(group.Ordinal);
                    last = null;
                    batch.Groups.Add((group, rows));
                    batchRows += rows.Count;
                    if (batchRows >= BatchRows)
                    {
                        var full = batch;
                        (batch, batchRows) = (new Batch(), 0);
                        if (!Publish(full))
                        {
                            return;
                        }
                    }
                }

                if ((record & 255) == 0)
                {
                    Volatile.Write(ref _records, record);
                }
            }

            Volatile.Write(ref _records, record);
            if (record != index.Records || open.Count > 0 || stored.Count > 0)
            {
                throw new IOException("The file changed while it was being read.");
            }
        }
        catch (Exception e)
        {
            lock (_lock)
            {
                _readError = e;
            }
        }
        finally
        {
            Finish(batch);
        }
    }

    /// <summary>Queues a batch, then helps analyse while work piles up; false when the run has stopped.</summary>
    private bool Publish(Batch batch)
    {
        lock (_lock)
        {
            if (batch.Groups.Count > 0 && !_stopped)
            {
                _pending.Enqueue(batch);
                _unclaimed.Add(batch);
                Monitor.PulseAll(_lock);
            }
        }

        while (true)
        {
            Batch? work;
            lock (_lock)
            {
                while (!_stopped && _unclaimed.Count < Waiting && _pending.Count >= MaxPending)
                {
                    Monitor.Wait(_lock);
                }

                if (_stopped)
                {
                    return false;
                }

                if (_unclaimed.Count < Waiting)
                {
                    return true;
                }

                work = TakeNewest();
            }

            if (!Help(work))
            {
                return false;
            }
        }
    }

    /// <summary>Publishes the last batch, marks the reading done and helps analyse what is left.</summary>
    private void Finish(Batch batch)
    {
        Publish(batch);
        lock (_lock)
        {
            _readingDone = true;
            Monitor.PulseAll(_lock);
        }

        while (true)
        {
            Batch? work;
            lock (_lock)
            {
                if (_stopped || _unclaimed.Count == 0)
                {
                    return;
                }

                work = TakeNewest();
            }

            if (!Help(work))
            {
                return;
            }
        }
    }

    /// <summary>
    /// The newest batch waiting, for the reading thread (under the lock): the calling thread passes results on in order,
    /// so it takes the oldest, and waits less when the other thread works on batches it needs later.
    /// </summary>
    private Batch TakeNewest()
    {
        var newest = _unclaimed[^1];
        _unclaimed.RemoveAt(_unclaimed.Count - 1);
        return newest;
    }

    /// <summary>Analyses a claimed batch on the reading thread; false (the error kept for the caller) if that failed.</summary>
    private bool Help(Batch work)
    {
        try
        {
            Analyse(work);
        }
        catch (Exception e)
        {
            lock (_lock)
            {
                _analysisError = e;
                Monitor.PulseAll(_lock);
            }

            return false;
        }

        lock (_lock)
        {
            work.Results = work.Analysed;
            Monitor.PulseAll(_lock);
        }

        return true;
    }

    /// <summary>Complete groups handed over together.</summary>
    private sealed class Batch
    {
        public List<(GroupInfo Group, List<InputRow> Rows)> Groups { get; } = [];

        /// <summary>The results, set (under the lock) once the batch is analysed.</summary>
        public T[]? Results { get; set; }

        /// <summary>The results as the analysing thread computed them.</summary>
        public T[]? Analysed { get; set; }
    }
}
