using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Evident.Core;

namespace Evident.Analysis.Output;

/// <summary>
/// Where a run's issues go, the same for every command: for every format but JSON, one line each to the caller as they
/// are found (<c>data.csv:12: message [code]</c>); for JSON, kept for the document's <c>issues</c> array (in a spool the
/// caller may give, so memory does not grow with their number); for a collecting run, kept as records.
/// </summary>
public sealed class IssueSink : IDisposable
{
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Action<string>? _errorLine;
    private readonly bool _batch;
    private readonly ArrayBufferWriter<byte>? _buffer;
    private readonly Utf8JsonWriter? _json;
    private readonly Func<Stream>? _openSpool;
    private readonly List<AnalysisIssue>? _collected;
    private Stream? _spool;

    private readonly Action<string>? _echo;

    private IssueSink(Action<string>? errorLine, bool batch, Func<Stream>? openSpool, bool collect, Action<string>? echo = null)
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
        => format == OutputFormat.Json
            ? new IssueSink(null, batch, openSpool, collect: false, echo ? errorLine : null)
            : new IssueSink(errorLine, batch, null, collect: false);

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
                _errorLine(issue.ToString());
            }

            return;
        }

        if (_echo is not null && issue.Severity > IssueSeverity.Info)
        {
            _echo(issue.ToString());
        }

        _spool ??= OpenSpool();
        _buffer!.ResetWrittenCount();
        _json!.Reset();
        JsonSink.WriteIssue(_json, issue);
        _json.Flush();
        _spool.Write(_buffer.WrittenSpan);
        _spool.WriteByte((byte)'\n');
    }

    /// <summary>
    /// Writes the <c>issues</c> array of a JSON document (empty unless the format is JSON), calling
    /// <paramref name="written"/> after each issue so the caller can pass the text on.
    /// </summary>
    public void WriteJson(Utf8JsonWriter json, Action written)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(written);
        json.WriteStartArray("issues");
        if (_spool is not null)
        {
            _spool.Position = 0;
            using var reader = new StreamReader(_spool, Encoding.UTF8, leaveOpen: true);
            while (reader.ReadLine() is { } line)
            {
                json.WriteRawValue(line, skipInputValidation: true);
                written();
            }
        }

        json.WriteEndArray();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _spool?.Dispose();
        _json?.Dispose();
    }

    /// <summary>The caller's spool, or memory when there is none or it cannot be opened (no temporary folder, a full disk).</summary>
    private Stream OpenSpool()
    {
        if (_openSpool is not null)
        {
            try
            {
                return _openSpool();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Implementation note: the spool only saves memory; without one the issues are kept in memory instead.
            }
        }

        return new MemoryStream();
    }
}
