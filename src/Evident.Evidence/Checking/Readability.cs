using System.Text.RegularExpressions;

namespace Evident.Evidence.Checking;

/// <summary>
/// The Flesch–Kincaid grade level of a text (Kincaid et al. 1975): 0.39·(words/sentences) + 11.8·(syllables/words) −
/// 15.59. Syllables are counted by a rule (groups of vowels, a final silent e dropped, at least one per word), as
/// readability tools do; plain-language health information aims at grade 8 or below (Cochrane colloquium abstracts).
/// </summary>
/// <param name="Grade">The grade level.</param>
/// <param name="Words">Words counted.</param>
/// <param name="Sentences">Sentences counted.</param>
public sealed partial record Readability(double Grade, int Words, int Sentences)
{
    /// <summary>
    /// The grade plain-language health information aims at: 8 or below (public reading levels of grade 7–8, Flodgren
    /// 2016; older guidance 6). The review reports it; Evident's own summaries keep to it.
    /// </summary>
    public const double TargetGrade = 8;

    /// <summary>Whether the grade is at or below <see cref="TargetGrade"/>.</summary>
    public bool WithinTarget => Grade <= TargetGrade;

    /// <summary>Words per sentence.</summary>
    public double WordsPerSentence => Sentences == 0 ? 0 : (double)Words / Sentences;

    /// <summary>The grade of the sentences, or null when they hold no words.</summary>
    public static Readability? Of(IEnumerable<string> sentences)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        var (words, syllables, count) = (0, 0, 0);
        foreach (var sentence in sentences)
        {
            var inSentence = WordPattern().Matches(sentence).Select(m => m.Value).ToList();
            if (inSentence.Count == 0)
            {
                continue;
            }

            count++;
            words += inSentence.Count;
            syllables += inSentence.Sum(Syllables);
        }

        return words == 0 ? null : new Readability((0.39 * words / count) + (11.8 * syllables / words) - 15.59, words, count);
    }

    /// <summary>Syllables in a word, by rule.</summary>
    public static int Syllables(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var w = word.ToLowerInvariant();
        if (w.All(char.IsAsciiDigit) || w.Length <= 3)
        {
            return 1;
        }

        if (w.EndsWith('e') && !w.EndsWith("le", StringComparison.Ordinal))
        {
            w = w[..^1];
        }

        var groups = VowelGroups().Count(w);
        return Math.Max(1, groups);
    }

    [GeneratedRegex(@"[A-Za-z][A-Za-z'’-]*|[0-9]+(\.[0-9]+)?", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();

    [GeneratedRegex("[aeiouy]+", RegexOptions.CultureInvariant)]
    private static partial Regex VowelGroups();
}
