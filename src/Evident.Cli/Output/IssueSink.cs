using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Evident.Cli.Analysis;
using Evident.Core;

namespace Evident.Cli.Output;

/// <summary>
/// Where a command's issues go, the same for every command: for every format but JSON one line each on stderr as they
/// are found (<c>data.csv:12: message [code]</c>); for JSON, kept for the document's <c>issues</c> array, in a temporary
/// file so memory does not grow with their number.
/// </summary>
internal sealed class IssueSink : IDisposable
{
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Action<string>? _errorLine;
    private readonly bool _batch;
    private readonly ArrayBufferWriter<byte>? _buffer;
    private readonly Utf8JsonWriter? _json;
    private FileStream? _spool;

    private IssueSink(Action<string>? errorLine, bool batch)
    {
        _errorLine = errorLine;
        _batch = batch;
        if (errorLine is null)
        {
            _buffer = new ArrayBufferWriter<byte>(1024);
            _json = new Utf8JsonWriter(_buffer, Compact);
        }
    }

    /// <summary>
    /// The issues of a run writing <paramref name="format"/>; <paramref name="errorLine"/> writes one line to stderr. In
    /// batch mode info issues (conversions and conventions, often one per study) are not printed on stderr (the run
    /// counts them); the JSON document holds them all.
    /// </summary>
    public static IssueSink Create(OutputFormat format, Action<string> errorLine, bool batch)
        => format == OutputFormat.Json ? new IssueSink(null, batch) : new IssueSink(errorLine, batch);

    /// <summary>Reports one issue.</summary>
    public void Issue(CliIssue issue)
    {
        if (_errorLine is not null)
        {
            if (!_batch || issue.Severity > IssueSeverity.Info)
            {
                _errorLine(issue.ToString());
            }

            return;
        }

        _spool ??= new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
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
}
