namespace Evident.Tests.Shared;

/// <summary>
/// Golden-file comparison shared by the test projects: compares <c>actual</c> with <c>folder/NAME.EXT</c>; on a
/// mismatch writes <c>folder/NAME.received.EXT</c> beside it and fails. Accept a deliberate change by copying the
/// received file over the golden one (look at it first), or by running the tests with <c>GOLDEN_ACCEPT=1</c>.
/// </summary>
internal static class GoldenFile
{
    public static void Assert(string actual, string folder, string name, string extension)
    {
        var expectedFile = Path.Combine(folder, $"{name}.{extension}");
        var receivedFile = Path.Combine(folder, $"{name}.received.{extension}");
        actual = actual.ReplaceLineEndings("\n");
        if (Environment.GetEnvironmentVariable("GOLDEN_ACCEPT") == "1")
        {
            File.WriteAllText(expectedFile, actual);
        }

        var expected = File.Exists(expectedFile) ? File.ReadAllText(expectedFile).ReplaceLineEndings("\n") : null;
        if (expected == actual)
        {
            File.Delete(receivedFile);
            return;
        }

        File.WriteAllText(receivedFile, actual);
        Xunit.Assert.Fail($"{name}: output differs from {expectedFile}; see {receivedFile} (accept with GOLDEN_ACCEPT=1 after looking at it).");
    }
}
