using System.Diagnostics;
using System.Text.Json;

namespace Evident.Cli.Tests;

/// <summary>
/// End-to-end runs of the real <c>./evident</c> wrapper (bash, flock, dotnet). Skipped when dotnet or bash is not on
/// PATH. Slow: they make a Release build (in a copied checkout the JIT build, <c>EVIDENT_BUILD=jit</c>, the quickest
/// to make; in the repository whichever the wrapper chooses, Native AOT where a C compiler is installed).
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class WrapperTests
{
    [Fact]
    public async Task Wrapper_TwoConcurrentCallsOnACleanCheckout_BothBuildOnceAndPrintOnlyJson()
    {
        SkipUnlessOnPath("dotnet", "bash", "flock");
        using var dir = new TempDir();
        CopyCheckout(dir.Path);

        var calls = Enumerable.Range(0, 2)
            .Select(_ => RunAsync(dir.Path, "analyze", "examples/bcg/bcg.csv", "--measure", "RR", "--format", "json"))
            .ToList();
        var results = await Task.WhenAll(calls);

        foreach (var (exitCode, output, error) in results)
        {
            Assert.True(exitCode == 0, error);
            var outcome = JsonDocument.Parse(output).RootElement.GetProperty("outcomes")[0];
            Assert.Equal(13, outcome.GetProperty("k").GetInt32());
        }

        Assert.Single(results, r => r.Error.Contains("built in", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(dir.Path, ".build", "bin", "evident")));
        var stamp = File.GetLastWriteTimeUtc(Path.Combine(dir.Path, ".build", "stamp"));
        var again = await RunAsync(dir.Path, "analyze", "examples/bcg/bcg.csv", "--measure", "RR");
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(string.Empty, again.Error);
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(Path.Combine(dir.Path, ".build", "stamp")));
    }

    [Fact]
    public async Task Wrapper_BuildOutputUnderSrcOrATouchedFile_NoRebuild_AChangedFile_Rebuilds()
    {
        SkipUnlessOnPath("dotnet", "bash", "flock");
        using var dir = new TempDir();
        CopyCheckout(dir.Path);
        var first = await RunAsync(dir.Path, "--version");
        Assert.True(first.ExitCode == 0, first.Error);
        // .build/bin is a link to the folder of the last build; a build makes a new folder.
        var bin = new DirectoryInfo(Path.Combine(dir.Path, ".build", "bin"));
        var built = bin.LinkTarget;
        Assert.NotNull(built);

        // What ./test leaves under src/ (bin/, obj/), and a file whose time changed but not its content.
        var core = Path.Combine(dir.Path, "src", "Evident.Core");
        foreach (var folder in new[] { "bin", "obj" })
        {
            Directory.CreateDirectory(Path.Combine(core, folder, "Release"));
            File.WriteAllText(Path.Combine(core, folder, "Release", "new.txt"), "written by a test build");
        }

        var source = Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories).First();
        File.SetLastWriteTimeUtc(source, DateTime.UtcNow.AddMinutes(1));
        var untouched = await RunAsync(dir.Path, "--version");
        Assert.True(untouched.ExitCode == 0, untouched.Error);
        Assert.Equal(string.Empty, untouched.Error);
        Assert.Equal(built, new DirectoryInfo(bin.FullName).LinkTarget);

        File.AppendAllText(source, "\n// changed\n");
        var changed = await RunAsync(dir.Path, "--version");
        Assert.True(changed.ExitCode == 0, changed.Error);
        Assert.Contains("rebuilding", changed.Error, StringComparison.Ordinal);
        Assert.NotEqual(built, new DirectoryInfo(bin.FullName).LinkTarget);
    }

    [Fact]
    public async Task Wrapper_InTheRepository_RunsTheCommand()
    {
        SkipUnlessOnPath("dotnet", "bash", "flock");

        var (exitCode, output, error) = await RunAsync(Repo.Root, "analyze", "--help");

        Assert.True(exitCode == 0, error);
        Assert.Contains("Exit codes", output, StringComparison.Ordinal);
    }

    /// <summary>The files a fresh clone needs to build and run the example (no bin/obj, no .build).</summary>
    private static void CopyCheckout(string target)
    {
        foreach (var name in new[] { "evident", "global.json", "Directory.Build.props", "Directory.Packages.props", ".editorconfig" })
        {
            File.Copy(Repo.Path(name), Path.Combine(target, name));
        }

        foreach (var folder in new[] { "src", "examples/bcg" })
        {
            var source = Repo.Path(folder);
            foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(source, file);
                if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
                {
                    continue;
                }

                var destination = Path.Combine(target, folder, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                File.Copy(file, destination);
            }
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(target, "evident"), File.GetUnixFileMode(Repo.Path("evident")));
        }
    }

    /// <summary>
    /// Runs <c>CHECKOUT/evident ARGS</c> from the checkout's root, as a user would; a copied checkout builds the JIT
    /// version.
    /// </summary>
    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string checkout, params string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(checkout, "evident"))
        {
            WorkingDirectory = checkout,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (checkout != Repo.Root)
        {
            start.Environment["EVIDENT_BUILD"] = "jit";
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output, await error);
    }

    private static void SkipUnlessOnPath(params string[] programs)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the wrapper is a bash script");
        var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator);
        foreach (var program in programs)
        {
            if (!path.Any(p => File.Exists(Path.Combine(p, program))))
            {
                Assert.Skip($"{program} is not on PATH");
            }
        }
    }
}
