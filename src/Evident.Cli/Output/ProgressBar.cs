using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Evident.Cli.Output;

/// <summary>
/// A one-line progress bar on stderr for long work, redrawn at most ten times a second. Lines written through
/// <see cref="WriteLine"/> appear above it. When stderr is not a terminal (or the run is quiet) it draws nothing and
/// <see cref="WriteLine"/> just writes the line. When stdout is the same terminal, the document goes through
/// <see cref="Guard"/>: the bar is removed before each write to stdout and drawn again only once stdout has ended its
/// line, so the bar never overwrites a line of output and output never lands on the bar's line.
/// </summary>
internal sealed class ProgressBar : IAnalysisProgress, IDisposable
{
    private const int BarWidth = 30;
    private const string ClearLine = "\r\u001b[2K";

    private readonly TextWriter _error;
    private readonly StringBuilder _pending = new();
    private readonly bool _enabled;
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly long _delay;
    private readonly long _interval;
    private readonly Lock _gate = new();
    private long _lastDraw;
    private string _phase = string.Empty;
    private double _fraction;
    private string _detail = string.Empty;
    private bool _drawn;
    private bool _outputLineOpen;

    /// <summary>
    /// A bar on <paramref name="error"/> (the terminal itself: the bar's control sequences are written as they are),
    /// drawn only when <paramref name="enabled"/>, first after <paramref name="delay"/> (default a quarter second, so
    /// quick runs show none) and then at most once per <paramref name="interval"/> (default a tenth of a second).
    /// </summary>
    public ProgressBar(TextWriter error, bool enabled, TimeSpan? delay = null, TimeSpan? interval = null)
    {
        _error = ForwardingWriter.Unwrap(error);
        _enabled = enabled;
        _delay = (long)((delay ?? TimeSpan.FromSeconds(0.25)).TotalSeconds * Stopwatch.Frequency);
        _interval = (long)((interval ?? TimeSpan.FromSeconds(0.1)).TotalSeconds * Stopwatch.Frequency);
    }

    /// <summary>True when the bar should be drawn: stderr is a terminal and the run is not quiet.</summary>
    public static bool Wanted(TextWriter error, bool quiet)
        => !quiet && ReferenceEquals(ForwardingWriter.Unwrap(error), Console.Error) && !Console.IsErrorRedirected
            && Environment.GetEnvironmentVariable("TERM") != "dumb";

    /// <summary>
    /// The writer the document goes to stdout through: <paramref name="output"/> itself, or, when the bar is drawn and
    /// stdout is a terminal too (<paramref name="sharesTerminal"/>; by default: <paramref name="output"/> is the
    /// console's and not redirected), a writer that removes the bar before each write.
    /// </summary>
    public TextWriter Guard(TextWriter output, bool? sharesTerminal = null)
        => _enabled && (sharesTerminal ?? (ReferenceEquals(ForwardingWriter.Unwrap(output), Console.Out) && !Console.IsOutputRedirected))
            ? new BarClearingWriter(output, this)
            : output;

    /// <summary>Updates the state; redraws when enough time has passed.</summary>
    public void Report(string phase, double fraction, string detail)
    {
        if (!_enabled)
        {
            return;
        }

        lock (_gate)
        {
            (_phase, _fraction, _detail) = (phase, fraction, detail);
            var now = Stopwatch.GetTimestamp();
            if (now - _started >= _delay && (_lastDraw == 0 || now - _lastDraw >= _interval) && !_outputLineOpen)
            {
                _lastDraw = now;
                Draw();
            }
        }
    }

    /// <summary>
    /// Writes a line on stderr above the bar, its control characters (line breaks too) escaped (<see cref="TerminalText"/>). Lines are
    /// collected and written in blocks of 16 KiB (Console's stderr flushes on every write, a system call per line when
    /// a batch reports thousands of issues); they are written before the bar is drawn, before stdout is written, and
    /// when the bar is removed.
    /// </summary>
    public void WriteLine(string line)
    {
        lock (_gate)
        {
            TerminalText.Append(_pending, line, oneLine: true);
            _pending.Append('\n');
            if (_drawn)
            {
                _error.Write(ClearLine);
                WritePending();
                Draw();
            }
            else if (_pending.Length >= 1 << 14)
            {
                WritePending();
            }
        }
    }

    /// <summary>Writes the lines not yet written, and removes the bar.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            Remove();
        }
    }

    /// <summary>Before stdout is written: the bar is removed and the lines waiting are written.</summary>
    private void BeforeOutput()
    {
        lock (_gate)
        {
            Remove();
        }
    }

    /// <summary>After stdout is written: the bar may be drawn again once stdout's line is ended.</summary>
    private void AfterOutput(bool endsLine)
    {
        lock (_gate)
        {
            _outputLineOpen = !endsLine;
        }
    }

    private void Remove()
    {
        if (_drawn)
        {
            _error.Write(ClearLine);
            _drawn = false;
        }

        WritePending();
        _error.Flush();
    }

    private void WritePending()
    {
        if (_pending.Length > 0)
        {
            foreach (var chunk in _pending.GetChunks())
            {
                _error.Write(chunk.Span);
            }

            _pending.Clear();
        }
    }

    private void Draw()
    {
        if (_pending.Length > 0)
        {
            _error.Write(ClearLine);
            WritePending();
        }

        var filled = (int)Math.Round(Math.Clamp(_fraction, 0, 1) * BarWidth);
        var percent = (_fraction * 100).ToString("0", CultureInfo.InvariantCulture);
        _error.Write($"{ClearLine}{_phase} [{new string('#', filled)}{new string('-', BarWidth - filled)}] {percent,3}% {TerminalText.Escape(_detail)}");
        _error.Flush();
        _drawn = true;
    }

    /// <summary>stdout on the bar's terminal: the bar is removed before each write (<see cref="Guard"/>).</summary>
    private sealed class BarClearingWriter(TextWriter inner, ProgressBar bar) : ForwardingWriter(inner)
    {
        public override void Write(ReadOnlySpan<char> buffer)
        {
            if (buffer.IsEmpty)
            {
                return;
            }

            bar.BeforeOutput();
            Inner.Write(buffer);
            Inner.Flush();
            bar.AfterOutput(buffer[^1] == '\n');
        }
    }
}
