using System.CommandLine;

namespace Evident.Cli;

/// <summary>
/// An option that takes one of a fixed set of names, matched case-insensitively (<c>--method reml</c>). The
/// underlying option is a string so that help shows the default as users type it.
/// </summary>
/// <typeparam name="T">The value a name stands for.</typeparam>
internal sealed class ChoiceOption<T>
{
    private readonly (string Name, T Value)[] _choices;

    /// <summary>Creates the option; <paramref name="defaultName"/> null means no default.</summary>
    public ChoiceOption(string name, string description, string? defaultName, params (string Name, T Value)[] choices)
    {
        _choices = choices;
        var names = string.Join('|', choices.Select(c => c.Name));
        var longList = names.Length > 30;
        Option = new Option<string?>(name)
        {
            Description = longList ? $"{description} One of {names}." : description,
            HelpName = longList ? "name" : names,
            CustomParser = result =>
            {
                var token = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
                if (choices.Any(c => string.Equals(c.Name, token, StringComparison.OrdinalIgnoreCase)))
                {
                    return token;
                }

                result.AddError(Suggestions.Closest(token, choices.Select(c => c.Name)) is { } nearest
                    ? $"'{token}' is not a valid value for {name}; did you mean {nearest}?"
                    : $"'{token}' is not a valid value for {name}; use one of {names}.");
                return null;
            },
        };
        if (defaultName is not null)
        {
            Option.DefaultValueFactory = _ => defaultName;
        }

        Option.CompletionSources.Add([.. choices.Select(c => c.Name)]);
    }

    /// <summary>The option to add to a command.</summary>
    public Option<string?> Option { get; }

    /// <summary>The value chosen, or default when the option has no default and was not given.</summary>
    public T? GetValue(ParseResult parseResult)
        => parseResult.GetValue(Option) is { } token
            ? _choices.First(c => string.Equals(c.Name, token, StringComparison.OrdinalIgnoreCase)).Value
            : default;

    /// <summary>The name of <paramref name="value"/> as users type it.</summary>
    public string NameOf(T value) => _choices.First(c => EqualityComparer<T>.Default.Equals(c.Value, value)).Name;
}

/// <summary>Helpers for <see cref="ChoiceOption{T}"/>.</summary>
internal static class Choices
{
    /// <summary>The names of an enum's members, as users type them (<c>REML</c>, <c>SMD</c>).</summary>
    public static (string Name, T Value)[] Of<T>()
        where T : struct, Enum
        => [.. Enum.GetValues<T>().Select(v => (v.ToString(), v))];
}
