using System.Globalization;
using System.Text;
using Evident.Cli.Output;

namespace Evident.Cli.Tests.Output;

/// <summary>
/// The progress bar and the document on one terminal: what the terminal shows at the end (replayed by a small
/// emulator of carriage return, line feed and "erase line") is every line of output and every issue line, and no bar.
/// </summary>
public sealed class ProgressBarTests
{
    [Fact]
    public void BarAndOutputOnOneTerminal_NeverOverwriteEachOther()
    {
        var terminal = new StringWriter(CultureInfo.InvariantCulture);
        using (var bar = new ProgressBar(terminal, enabled: true, TimeSpan.Zero, TimeSpan.Zero))
        {
            var stdout = bar.Guard(terminal, sharesTerminal: true);
            bar.Report("Reading  ", 0.1, string.Empty);
            stdout.Write("first output line\n");
            bar.Report("Analysing", 0.3, "1/4");
            bar.WriteLine("data.csv:3: an issue [code]");
            bar.Report("Analysing", 0.5, "2/4");
            stdout.Write("second ");          // a line written in two parts:
            bar.Report("Analysing", 0.6, "3/4"); // the bar waits for its end
            stdout.Write("output line\n");
            bar.Report("Analysing", 0.9, "4/4");
            stdout.Write("third output line\n");
            bar.Report("Analysing", 1.0, "4/4");
        }

        var screen = Screen(terminal.ToString());

        Assert.Equal(["first output line", "data.csv:3: an issue [code]", "second output line", "third output line"], screen);
    }

    [Fact]
    public void WithoutASharedTerminal_TheOutputIsNotTouched()
    {
        var error = new StringWriter(CultureInfo.InvariantCulture);
        var output = new StringWriter(CultureInfo.InvariantCulture);
        using var bar = new ProgressBar(error, enabled: true, TimeSpan.Zero, TimeSpan.Zero);

        Assert.Same(output, bar.Guard(output, sharesTerminal: false));
    }

    [Fact]
    public void IssueLines_HaveTheirControlCharactersEscaped()
    {
        var error = new StringWriter(CultureInfo.InvariantCulture);
        using (var bar = new ProgressBar(error, enabled: false))
        {
            bar.WriteLine("data.csv:2: \"\u001b[2J\u001b]0;pwned\u0007\" is not a number [non-numeric]");
        }

        Assert.DoesNotContain('\u001b', error.ToString());
        Assert.Contains("\\x1B[2J", error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>The lines a terminal shows after <paramref name="written"/>: \r, \n and ESC[2K (erase the line) are obeyed.</summary>
    private static List<string> Screen(string written)
    {
        var lines = new List<StringBuilder> { new() };
        var column = 0;
        for (var i = 0; i < written.Length; i++)
        {
            var line = lines[^1];
            switch (written[i])
            {
                case '\r':
                    column = 0;
                    break;
                case '\n':
                    lines.Add(new StringBuilder());
                    column = 0;
                    break;
                case '\u001b' when written.AsSpan(i).StartsWith("\u001b[2K"):
                    line.Clear();
                    i += 3;
                    break;
                default:
                    if (column < line.Length)
                    {
                        line[column] = written[i];
                    }
                    else
                    {
                        line.Append(written[i]);
                    }

                    column++;
                    break;
            }
        }

        return [.. lines.Select(l => l.ToString()).Where(l => l.Length > 0)];
    }
}
