using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Evident.Analysis.Documents;
using Evident.Core;

namespace Evident.Analysis.Output;

/// <summary>
/// Where a run's issues go, the same for every command: for every format but JSON, one line each to the caller as they
/// are found (<c>data.csv:12: message [code]</c>); for JSON, kept for the document's <c>issues</c> array (in a spool the
/// caller may give, so memory does not grow with their number); for a collecting run, kept as records.
/// </summary>
public sealed class IssueSink : IDisposable
{
    /// <summary>How many bytes of issues wait in memory before they are moved to the spool.</summary>
    private const int BlockSize = 1 << 16;

    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Action<AnalysisIssue>? _errorLine;
    private readonly bool _batch;
    private readonly ArrayBufferWriter<byte>? _buffer;
    private readonly Utf8JsonWriter? _json;
    private readonly Func<Stream>? _openSpool;
    private readonly List<AnalysisIssue>? _collected;
    private readonly MemoryStream _pending = new();
    private Stream? _spool;
    private long _spooled;
    private bool _spoolFailed;

    private readonly Action<AnalysisIssue>? _echo;

    private IssueSink(Action<AnalysisIssue>? errorLine, bool batch, Func<Stream>? openSpool, bool collect, Action<AnalysisIssue>? echo = null)
    {
        _errorLine = errorLine;
        _echo = echo;
        _batch = batch;
        _openSpool = openSpool;
        if (collect)
        {
            _collected = [];
        }
        else if (errorLine is null)
        {
            _buffer = new ArrayBufferWriter<byte>(1024);
            _json = new Utf8JsonWriter(_buffer, Compact);
        }
    }

    /// <summary>
    /// The issues of a run writing <paramref name="format"/>. For every format but JSON, <paramref name="errorLine"/> gets
    /// one line per issue; in batch mode info issues (conversions and conventions, often one per study) are only counted,
    /// not passed on. For JSON the issues wait for the document's end in <paramref name="openSpool"/>'s stream (a
    /// temporary file, say; in memory when null or when it cannot be opened).
    /// </summary>
    /// With <paramref name="echo"/> (a run whose document may not be written: <c>--strict</c>) a JSON run's warnings and
    /// errors also go to <paramref name="errorLine"/>, one line each.
    public static IssueSink Create(OutputFormat format, Action<string> errorLine, bool batch, Func<Stream>? openSpool = null, bool echo = false)
    {
        ArgumentNullException.ThrowIfNull(errorLine);
        return Passing(format, issue => errorLine(issue.ToString()), batch, openSpool, echo);
    }

    /// <summary>
    /// As <see cref="Create(OutputFormat, Action{string}, bool, Func{Stream}?, bool)"/>, the issues passed on as records (for a
    /// caller that prints them its own way, or counts them by severity).
    /// </summary>
    public static IssueSink Passing(OutputFormat format, Action<AnalysisIssue> onIssue, bool batch, Func<Stream>? openSpool = null, bool echo = false)
        => format == OutputFormat.Json
            ? new IssueSink(null, batch, openSpool, collect: false, echo ? onIssue : null)
            : new IssueSink(onIssue, batch, null, collect: false);

    /// <summary>A sink that keeps every issue as a record (<see cref="Collected"/>).</summary>
    public static IssueSink Collecting() => new(null, batch: false, null, collect: true);

    /// <summary>The issues kept by a <see cref="Collecting"/> sink (empty for the others).</summary>
    public IReadOnlyList<AnalysisIssue> Collected => _collected ?? [];

    /// <summary>Reports one issue.</summary>
    public void Issue(AnalysisIssue issue)
    {
        ArgumentNullException.ThrowIfNull(issue);
        if (_collected is not null)
        {
            _collected.Add(issue);
            return;
        }

        if (_errorLine is not null)
        {
            if (!_batch || issue.Severity > IssueSeverity.Info)
            {
                _errorLine(issue);
            }

            return;
        }

        if (_echo is not null && issue.Severity > IssueSeverity.Info)
        {
            _echo(issue);
        }

        Spool(IssueDocument.From(issue));
    }

    /// <summary>Keeps one issue of a JSON document, as its one line of JSON.</summary>
    internal void Spool(IssueDocument issue)
    {
        _buffer!.ResetWrittenCount();
        _json!.Reset();
        JsonSerializer.Serialize(_json, issue, DocumentJson.Issue);
        _json.Flush();
        _pending.Write(_buffer.WrittenSpan);
        _pending.WriteByte((byte)'\n');
        if (_pending.Length >= BlockSize && !_spoolFailed)
        {
            SpoolPending();
        }
    }

    /// <summary>
    /// Writes the <c>issues</c> array of a JSON document (empty unless the format is JSON), calling
    /// <paramref name="written"/> after each issue so the caller can pass the text on.
    /// </summary>
    public void WriteJson(Utf8JsonWriter json, Action written)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(written);
        json.WriteStartArray(AnalysisDocument.IssuesName);
        if (_spool is not null && _spooled > 0)
        {
            try
            {
                _spool.Position = 0;
                var chunk = new byte[BlockSize];
                var line = new MemoryStream();
                for (var left = _spooled; left > 0;)
                {
                    var read = _spool.Read(chunk, 0, (int)Math.Min(chunk.Length, left));
                    if (read == 0)
                    {
                        break;
                    }

                    left -= read;
                    WriteLines(json, line, chunk.AsSpan(0, read), written);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Implementation note: a spool that cannot be read back loses the issues in it; the document stays valid.
            }
        }

        WriteLines(json, new MemoryStream(), _pending.GetBuffer().AsSpan(0, (int)_pending.Length), written);
        json.WriteEndArray();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _spool?.Dispose();
        _pending.Dispose();
        _json?.Dispose();
    }

    /// <summary>
    /// Moves the issues waiting in memory to the spool (opened on first use). When the spool cannot be opened or
    /// written (no temporary folder, a full disk), the issues stay in memory from then on; those already in it are kept,
    /// as far as they were written whole (<see cref="_spooled"/>).
    /// </summary>
    private void SpoolPending()
    {
        try
        {
            _spool ??= _openSpool?.Invoke();
            if (_spool is null)
            {
                _spoolFailed = true;
                return;
            }

            _spool.Position = _spooled;
            _spool.Write(_pending.GetBuffer(), 0, (int)_pending.Length);
            _spool.Flush();
            _spooled += _pending.Length;
            _pending.SetLength(0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Implementation note: the spool only saves memory; without one the issues are kept in memory instead.
            _spoolFailed = true;
        }
    }

    /// <summary>Writes each whole line of <paramref name="bytes"/> (after what <paramref name="carry"/> holds of a line begun before) as a raw JSON value.</summary>
    private static void WriteLines(Utf8JsonWriter json, MemoryStream carry, ReadOnlySpan<byte> bytes, Action written)
    {
        while (bytes.IndexOf((byte)'\n') is var end and >= 0)
        {
            if (carry.Length > 0)
            {
                carry.Write(bytes[..end]);
                json.WriteRawValue(carry.GetBuffer().AsSpan(0, (int)carry.Length), skipInputValidation: true);
                carry.SetLength(0);
            }
            else
            {
                json.WriteRawValue(bytes[..end], skipInputValidation: true);
            }

            written();
            bytes = bytes[(end + 1)..];
        }

        carry.Write(bytes);
    }
}
