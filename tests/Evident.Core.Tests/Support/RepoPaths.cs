using System.Runtime.CompilerServices;

namespace Evident.Core.Tests.Support;

/// <summary>Locates the repository (the folder holding <c>Evident.slnx</c>) and its test fixtures.</summary>
public static class RepoPaths
{
    private const string Marker = "Evident.slnx";

    /// <summary>The repository root.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A path under <c>tests/fixtures</c>.</summary>
    public static string Fixture(params string[] parts) => Path.Combine([Root, "tests", "fixtures", .. parts]);

    // Implementation note: walks up from the test binaries first; with --artifacts-path the binaries live outside the
    // repository, so it then walks up from this source file's compile-time path and finally from the working directory.
    private static string FindRoot([CallerFilePath] string sourceFile = "")
    {
        string?[] starts = [AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile), Directory.GetCurrentDirectory()];
        foreach (var start in starts)
        {
            for (var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, Marker)))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException(
            $"Could not find {Marker} above {AppContext.BaseDirectory}, {sourceFile} or {Directory.GetCurrentDirectory()}.");
    }
}
