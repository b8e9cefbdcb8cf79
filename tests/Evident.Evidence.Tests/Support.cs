using System.Runtime.CompilerServices;

namespace Evident.Evidence.Tests;

/// <summary>Paths in the repository.</summary>
internal static class Repo
{
    /// <summary>The repository root (found from this source file's path, so it works from any output folder).</summary>
    public static string Root { get; } = System.IO.Path.GetFullPath(System.IO.Path.Combine(ThisDirectory(), "..", ".."));

    /// <summary>A path under the repository root.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string ThisDirectory([CallerFilePath] string path = "") => System.IO.Path.GetDirectoryName(path)!;
}
