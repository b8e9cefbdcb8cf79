using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Evident.Cli.Output;

/// <summary>
/// A one-line progress bar on stderr for long work, redrawn at most ten times a second. Lines written through
/// <see cref="WriteLine"/> appear above it. When stderr is not a terminal (or the run is quiet) it draws nothing and
/// <see cref="WriteLine"/> just writes the line.
/// </summary>
internal sealed class ProgressBar : IAnalysisProgress, IDisposable
{
    private const int BarWidth = 30;
    private static readonly long Interval = Stopwatch.Frequency / 10;

    private readonly TextWriter _error;
    private readonly StringBuilder _pending = new();
    private readonly bool _enabled;
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly long _delay;
    private long _lastDraw;
    private string _phase = string.Empty;
    private double _fraction;
    private string _detail = string.Empty;
    private bool _drawn;

    /// <summary>
    /// A bar on <paramref name="error"/>, drawn only when <paramref name="enabled"/>, first after
    /// <paramref name="delay"/> (default a quarter second, so quick runs show none).
    /// </summary>
    public ProgressBar(TextWriter error, bool enabled, TimeSpan? delay = null)
    {
        _error = error;
        _enabled = enabled;
        _delay = (long)((delay ?? TimeSpan.FromSeconds(0.25)).TotalSeconds * Stopwatch.Frequency);
    }

    /// <summary>True when the bar should be drawn: stderr is a terminal and the run is not quiet.</summary>
    public static bool Wanted(TextWriter error, bool quiet)
        => !quiet && ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("TERM") != "dumb";

    /// <summary>Updates the state; redraws when enough time has passed.</summary>
    public void Report(string phase, double fraction, string detail)
    {
        if (!_enabled)
        {
            return;
        }

        (_phase, _fraction, _detail) = (phase, fraction, detail);
        var now = Stopwatch.GetTimestamp();
        if (now - _started >= _delay && now - _lastDraw >= Interval)
        {
            _lastDraw = now;
            Draw();
        }
    }

    /// <summary>
    /// Writes a line on stderr above the bar. Lines are collected and written in blocks of 16 KiB (Console's stderr
    /// flushes on every write, a system call per line when a batch reports thousands of issues); they are written
    /// before the bar is drawn and when it is removed.
    /// </summary>
    public void WriteLine(string line)
    {
        _pending.Append(line).Append('\n');
        if (_drawn)
        {
            _error.Write("\r\u001b[2K");
            WritePending();
            Draw();
        }
        else if (_pending.Length >= 1 << 14)
        {
            WritePending();
        }
    }

    /// <summary>Writes the lines not yet written, and removes the bar.</summary>
    public void Dispose()
    {
        if (!_drawn)
        {
            WritePending();
            _error.Flush();
        }

        if (_drawn)
        {
            _error.Write("\r\u001b[2K");
            _error.Flush();
            _drawn = false;
        }
    }

    private void WritePending()
    {
        if (_pending.Length > 0)
        {
            _error.Write(_pending.ToString());
            _pending.Clear();
        }
    }

    private void Draw()
    {
        if (_pending.Length > 0)
        {
            _error.Write("\r\u001b[2K");
            WritePending();
        }

        var filled = (int)Math.Round(Math.Clamp(_fraction, 0, 1) * BarWidth);
        var percent = (_fraction * 100).ToString("0", CultureInfo.InvariantCulture);
        _error.Write($"\r\u001b[2K{_phase} [{new string('#', filled)}{new string('-', BarWidth - filled)}] {percent,3}% {_detail}");
        _error.Flush();
        _drawn = true;
    }
}
