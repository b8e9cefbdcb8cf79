using Evident.Core.EffectSizes;

namespace Evident.Cli.Input;

/// <summary>Builds Core's <see cref="StudyInput"/> from cells keyed by normalized escalc name.</summary>
internal static class StudyInputs
{
    /// <summary>A study's input; fields absent from <paramref name="values"/> stay null.</summary>
    public static StudyInput Create(string? study, IReadOnlyDictionary<string, double?> values)
    {
        return StudyInput.FromFields(study, field => values.GetValueOrDefault(ColumnAliases.Normalize(field)));
    }
}
