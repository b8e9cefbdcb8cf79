using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Evident.Tests.Shared;

/// <summary>
/// The team's shared folder beside the repository, <c>../shared</c> (third-party data in <c>data/</c>, the seed page in
/// <c>seed/</c>), whose files the tests read in place and never copy into the repository. A clone placed anywhere else
/// has no such folder, so every test that needs one of its files asks for it here: when the file is absent the test is
/// skipped with the path as the reason, and fails instead when the environment variable <c>CI</c> is set (non-empty),
/// since CI must have the folder.
/// </summary>
/// <remarks>
/// Ask from inside the test (directly or through a lazily computed value the test reads), never from a static field,
/// a static constructor or theory data: xunit reports a skip thrown while a type is initialised or while theory data is
/// enumerated as a failure. Such a call fails here every time, with or without the folder, so it cannot pass where the
/// folder exists and break a clone without it. Linked into every test project (<c>tests/Shared/</c>).
/// </remarks>
internal static class SharedFiles
{
    private const string Marker = "Evident.slnx";

    /// <summary>The shared folder: <c>../shared</c> from the repository root (it need not exist).</summary>
    public static string Folder { get; } = Path.GetFullPath(Path.Combine(FindRoot(), "..", "shared"));

    /// <summary>A file under <c>../shared/data</c>; skips the test (or fails it under CI) when it is absent.</summary>
    public static string Data(params string[] parts) => Require(["data", .. parts]);

    /// <summary>A page under <c>../shared/seed</c>; skips the test (or fails it under CI) when it is absent.</summary>
    public static string Seed(string name) => Require("seed", name);

    /// <summary>A file under <c>../shared</c>; skips the test (or fails it under CI) when it is absent.</summary>
    public static string Require(params string[] parts)
    {
        var file = Path.Combine([Folder, .. parts]);
        RefuseTypeLoadAndTheoryData(file);
        if (!File.Exists(file))
        {
            SkipOrFail($"shared file not found: {file}");
        }

        return file;
    }

    /// <summary>
    /// Skips the current test because something it needs is absent, with <paramref name="reason"/>; fails it instead
    /// when the environment variable <c>CI</c> is set (non-empty). The one rule for every missing prerequisite.
    /// </summary>
    [DoesNotReturn]
    public static void SkipOrFail(string reason)
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
        {
            Xunit.Assert.Fail(reason + " (required when CI is set)");
        }

        Xunit.Assert.Skip(reason);
    }

    /// <summary>Fails when called (directly or not) from a static constructor or a theory data attribute.</summary>
    private static void RefuseTypeLoadAndTheoryData(string file)
    {
        foreach (var frame in new StackTrace().GetFrames())
        {
            var method = frame.GetMethod();
            if (method is not null && (method is System.Reflection.ConstructorInfo { IsStatic: true } || IsDataAttribute(method.DeclaringType)))
            {
                Xunit.Assert.Fail($"{file} is read from {method.DeclaringType}.{method.Name}, a static initialiser or theory data, "
                    + "where a skip becomes a failure; read it inside the test, or lazily.");
            }
        }
    }

    /// <summary>Whether the type, or a type it is nested in (an async state machine's), is a theory data attribute.</summary>
    private static bool IsDataAttribute(Type? type)
    {
        for (; type is not null; type = type.DeclaringType)
        {
            if (typeof(Xunit.v3.IDataAttribute).IsAssignableFrom(type))
            {
                return true;
            }
        }

        return false;
    }

    // Implementation note: walks up from the test binaries first; with --artifacts-path they live outside the
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
