using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Evident.Analysis;
using Evident.Analysis.Documents;
using Evident.Analysis.Output;
using Evident.Core;

namespace Evident.Cli.Tests;

/// <summary>
/// What a command does when something goes wrong that is not the input's fault: a bug (exit 70, one line, the stack
/// trace only with --debug), a stdout that cannot be written (exit 3, output-unwritable, never "input unreadable"), and
/// a JSON document that is valid or nothing, whatever failed part-way.
/// </summary>
public sealed class FailureTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static CliResult RunBoom(params string[] args)
    {
        var root = new RootCommand("test");
        root.Options.Add(EvidentCommand.Debug);
        var boom = new Command("boom");
        boom.Action = new EvidentCommand.UsageAction((_, _, _) => throw new InvalidOperationException("the unexpected"));
        root.Subcommands.Add(boom);
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var code = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return new CliResult(code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Crash_Is70_InOneLineNamingTheCommand_WithoutAStackTrace()
    {
        var result = RunBoom("boom");

        Assert.Equal(ExitCodes.InternalError, result.ExitCode);
        var lines = result.Error.TrimEnd().Split('\n');
        Assert.Single(lines);
        Assert.StartsWith("evident boom: internal error (InvalidOperationException: the unexpected)", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("[internal-error]", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Crash_WithDebug_PrintsTheStackTrace()
    {
        var result = RunBoom("boom", "--debug");

        Assert.Equal(ExitCodes.InternalError, result.ExitCode);
        Assert.Contains("[internal-error]", result.Error, StringComparison.Ordinal);
        Assert.Contains("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_DocumentsExitCode70()
        => Assert.Contains("70 internal error", Cli.Run("analyze", "--help").Output, StringComparison.Ordinal);

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    [InlineData("csv")]
    [InlineData("md")]
    public void FullStdout_Is3_OutputUnwritable_NotAnUnreadableInput(string format)
    {
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var code = EvidentCommand.Create().Parse(["analyze", Repo.Path("examples", "bcg", "bcg.csv"), "--measure", "RR", "--format", format])
            .Invoke(new InvocationConfiguration { Output = new FullWriter(), Error = error });

        Assert.Equal(3, code);
        Assert.Contains("[output-unwritable]", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("[file-unreadable]", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void CrashMidBatch_Json_IsStillOneValidDocument_WithTheFailureAsAnIssue()
    {
        // 60 analyses; the second pass (the one that analyses) fails two thirds of the way through the file.
        var csv = new StringBuilder("g,study,yi,vi\n");
        for (var g = 0; g < 60; g++)
        {
            for (var s = 0; s < 4; s++)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{g},S{s},{0.1 * s},{0.05 + (0.01 * s)}\n");
            }
        }

        var bytes = Encoding.UTF8.GetBytes(csv.ToString());
        var opens = 0;
        // Opened three times: to detect the delimiter, for the first pass, and for the second.
        var input = new DataInput("crash.csv", () => Interlocked.Increment(ref opens) < 3
            ? new MemoryStream(bytes)
            : new FailingStream(new MemoryStream(bytes), failAfter: bytes.Length * 2 / 3, () => new InvalidOperationException("mid-batch"), failReads: true));
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);

        var thrown = Assert.ThrowsAny<Exception>(() => AnalyzeRun.Run(new AnalyzeSettings { Format = OutputFormat.Json, By = ["g"], Quiet = true }, input, output, error));

        Assert.Contains("mid-batch", thrown.Message, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(output.ToString());
        var issues = document.RootElement.GetProperty("issues").EnumerateArray().ToList();
        Assert.Contains(issues, i => i.GetProperty("code").GetString() == "internal-error");
        Assert.True(document.RootElement.GetProperty("outcomes").GetArrayLength() < 60);
    }

    [Fact]
    public void JsonSink_Fail_BeforeAnything_WritesAWholeDocument()
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using (var sink = new JsonSink(output, IssueSink.Create(OutputFormat.Json, _ => { }, batch: false)))
        {
            sink.Fail(Failure());
        }

        using var document = JsonDocument.Parse(output.ToString());
        Assert.Equal(0, document.RootElement.GetProperty("outcomes").GetArrayLength());
        Assert.Equal("internal-error", document.RootElement.GetProperty("issues")[0].GetProperty("code").GetString());
    }

    [Fact]
    public void JsonSink_Fail_AfterAnOutcome_ClosesTheOutcomesAndAddsTheIssue()
    {
        var run = Analyzer.Collect(new AnalyzeSettings { Measure = Evident.Core.EffectSizes.EffectMeasure.RR }, Files.InputFile.Open(Repo.Path("examples", "bcg", "bcg.csv")));
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using (var sink = new JsonSink(output, IssueSink.Create(OutputFormat.Json, _ => { }, batch: false)))
        {
            sink.Begin(run.SettingsUsed, null);
            sink.Outcome(run.Outcomes[0]);
            sink.Fail(Failure());
            sink.Fail(Failure()); // once ended, nothing more
        }

        using var document = JsonDocument.Parse(output.ToString());
        Assert.Equal(13, document.RootElement.GetProperty("outcomes")[0].GetProperty("k").GetInt32());
        Assert.Single(document.RootElement.GetProperty("issues").EnumerateArray());
        Assert.Equal("RR", document.RootElement.GetProperty("settings").GetProperty("measure").GetString());
    }

    [Fact]
    public void JsonSink_Fail_InTheIssuesArray_ClosesIt()
    {
        // 3,000 issues go through the spool; reading it back fails after 150 KB, when part of the array is on the output.
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using (var sink = new JsonSink(output, IssueSink.Create(OutputFormat.Json, _ => { }, batch: false,
            () => new FailingStream(new MemoryStream(), failAfter: 150_000, () => new InvalidOperationException("spool"), failReads: true))))
        {
            sink.Begin(new SettingsDocument { Input = "x.csv" }, null);
            for (var i = 0; i < 3000; i++)
            {
                sink.Issue(new AnalysisIssue("x.csv", i + 2, "yi", null, "non-numeric", IssueSeverity.Error, $"Issue number {i} with some words to fill the line."));
            }

            Assert.Throws<InvalidOperationException>(() => sink.Complete(null));
            Assert.NotEqual(string.Empty, output.ToString());
            sink.Fail(Failure());
        }

        using var document = JsonDocument.Parse(output.ToString());
        var issues = document.RootElement.GetProperty("issues").EnumerateArray().ToList();
        Assert.Equal("internal-error", issues[^1].GetProperty("code").GetString());
        Assert.InRange(issues.Count, 2, 3000);
    }

    [Fact]
    public void SpoolThatFillsUp_KeepsEveryIssue()
    {
        // The temporary folder's disk fills after 70 KB: the issues written whole stay there, the rest wait in memory.
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using (var sink = new JsonSink(output, IssueSink.Create(OutputFormat.Json, _ => { }, batch: false,
            () => new FailingStream(new MemoryStream(), failAfter: 70_000, () => new IOException("No space left on device")))))
        {
            sink.Begin(new SettingsDocument { Input = "x.csv" }, null);
            for (var i = 0; i < 3000; i++)
            {
                sink.Issue(new AnalysisIssue("x.csv", i + 2, "yi", null, "non-numeric", IssueSeverity.Error, $"Issue number {i} with some words to fill the line."));
            }

            sink.Complete(null);
        }

        using var document = JsonDocument.Parse(output.ToString());
        var rows = document.RootElement.GetProperty("issues").EnumerateArray().Select(i => i.GetProperty("row").GetInt32()).ToList();
        Assert.Equal(Enumerable.Range(2, 3000), rows);
    }

    /// <summary>The built program, run as a process: what a shell sees.</summary>
    [Theory]
    [InlineData("json")]
    [InlineData("text")]
    public void Process_StdoutToDevFull_Is3_WithOneLine(string format)
    {
        SkipUnlessUnix();
        var (code, _, error) = Shell($"{Program()} analyze {Quote(Repo.Path("examples", "bcg", "bcg.csv"))} --measure RR --format {format} > /dev/full");

        Assert.Equal(3, code);
        Assert.Contains("[output-unwritable]", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Process_NoTemporaryFolder_JsonIsStillValid_WithEveryIssue()
    {
        SkipUnlessUnix();
        var csv = _dir.Write("many.csv", "g,study,yi,vi\n" + string.Concat(Enumerable.Range(0, 400).Select(i => $"{i % 20},S{i},x,1\n")));

        var (code, output, _) = Shell($"TMPDIR=/nonexistent {Program()} analyze {Quote(csv)} --by g --format json");

        Assert.Equal(1, code);
        using var document = JsonDocument.Parse(output);
        Assert.Equal(400, document.RootElement.GetProperty("issues").EnumerateArray().Count(i => i.GetProperty("code").GetString() == "non-numeric"));
    }

    [Fact]
    public void Process_HelpToDevFull_Is3()
    {
        SkipUnlessUnix();
        var (code, _, error) = Shell($"{Program()} analyze --help > /dev/full");

        Assert.Equal(3, code);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    private static AnalysisIssue Failure() => new("x.csv", null, null, null, "internal-error", IssueSeverity.Error, "The run failed.");

    private static void SkipUnlessUnix()
    {
        if (OperatingSystem.IsWindows() || !File.Exists("/dev/full"))
        {
            Assert.Skip("needs a Unix shell and /dev/full");
        }
    }

    private static string Quote(string path) => "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>The command as built beside the tests (evident.dll), started by dotnet.</summary>
    private static string Program() => "dotnet " + Quote(Path.Combine(AppContext.BaseDirectory, "evident.dll"));

    private static (int Code, string Output, string Error) Shell(string command)
    {
        using var process = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", command])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }
}

/// <summary>A stdout that is full: every write fails as writing to <c>/dev/full</c> does.</summary>
internal sealed class FullWriter : TextWriter
{
    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value) => throw new IOException("No space left on device");

    public override void Write(char[] buffer, int index, int count) => throw new IOException("No space left on device");

    public override void Write(string? value) => throw new IOException("No space left on device");

    public override void Write(ReadOnlySpan<char> buffer) => throw new IOException("No space left on device");
}

/// <summary>A stream that fails (with the exception <paramref name="failure"/> makes) once <paramref name="failAfter"/> bytes have been written or read.</summary>
internal sealed class FailingStream(Stream inner, long failAfter, Func<Exception> failure, bool failReads = false) : Stream
{
    private long _written;
    private long _read;

    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => inner.CanSeek;

    public override bool CanWrite => inner.CanWrite;

    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => inner.Position = value;
    }

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (!failReads)
        {
            return inner.Read(buffer, offset, count);
        }

        if (_read >= failAfter)
        {
            throw failure();
        }

        var n = inner.Read(buffer, offset, (int)Math.Min(count, failAfter - _read));
        _read += n;
        return n;
    }

    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

    public override void SetLength(long value) => inner.SetLength(value);

    public override void Write(byte[] buffer, int offset, int count)
    {
        if (!failReads && _written + count > failAfter)
        {
            inner.Write(buffer, offset, (int)Math.Max(0, failAfter - _written)); // a part lands, as on a disk that fills up
            _written = failAfter;
            throw failure();
        }

        inner.Write(buffer, offset, count);
        _written += count;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
