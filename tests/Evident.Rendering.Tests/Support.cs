using System.Globalization;
using System.Runtime.CompilerServices;

namespace Evident.Rendering.Tests;

/// <summary>
/// Golden-file comparison for SVG: compares with <c>golden/NAME.svg</c>; on a mismatch writes
/// <c>golden/NAME.received.svg</c> beside it and fails. Accept a deliberate change by copying the received file over
/// the golden one (look at it first), or by running the tests with <c>GOLDEN_ACCEPT=1</c>.
/// </summary>
internal static class Golden
{
    public static void Assert(string actual, string name)
        => Evident.Tests.Shared.GoldenFile.Assert(actual, Path.Combine(ThisDirectory(), "golden"), name, "svg");

    /// <summary>The repository's root folder.</summary>
    public static string RepoPath(params string[] parts) => Path.Combine([ThisDirectory(), "..", "..", .. parts]);

    private static string ThisDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}

/// <summary>Runs code under another culture (to prove output does not depend on it).</summary>
internal static class Culture
{
    /// <summary>The cultures every golden test runs under: invariant-like English and a comma-decimal one.</summary>
    public static TheoryData<string> Both => new() { "en-US", "de-DE" };

    public static T With<T>(string culture, Func<T> action)
    {
        var (previous, previousUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
            return action();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (previous, previousUi);
        }
    }
}
