namespace Evident.Evidence.Checking;

/// <summary>
/// Bounded views of a text around a position. The word checks ask about a few words before or after a word ("within
/// the three words before it"); running their patterns on a bounded window instead of on all the text before the
/// position keeps each call constant in the text's length, so the accuracy review stays linear in its input however
/// long a sentence is (a line of 100,000 numbers, a run of a million dots).
/// </summary>
internal static class Window
{
    /// <summary>
    /// The text before <paramref name="index"/>: at most <paramref name="max"/> characters, starting at a word boundary
    /// (a word the limit cuts is left out, so "cannot" never shows as "not").
    /// </summary>
    public static string Before(string text, int index, int max)
    {
        index = Math.Clamp(index, 0, text.Length);
        var start = Math.Max(0, index - max);
        while (start > 0 && start < index && IsWordChar(text[start - 1]) && IsWordChar(text[start]))
        {
            start++;
        }

        return text[start..index];
    }

    /// <summary>
    /// The text from <paramref name="index"/>: at most <paramref name="max"/> characters, ending at a word boundary
    /// (a word the limit cuts is left out).
    /// </summary>
    public static string After(string text, int index, int max)
    {
        index = Math.Clamp(index, 0, text.Length);
        var end = Math.Min(text.Length, index + max);
        while (end < text.Length && end > index && IsWordChar(text[end - 1]) && IsWordChar(text[end]))
        {
            end--;
        }

        return text[index..end];
    }

    /// <summary>A character of a word as the patterns see it (letters, digits, '_', and apostrophes and hyphens inside words).</summary>
    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '\'' or '\u2019' or '-';
}
