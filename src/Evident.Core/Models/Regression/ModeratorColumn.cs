namespace Evident.Core.Models.Regression;

/// <summary>
/// One named column of moderator data, one value per study: numbers (NaN = missing) or text (null = missing).
/// A text column used as a term is a factor; in arithmetic it is an error (<c>text-as-number</c>).
/// </summary>
public sealed class ModeratorColumn
{
    private readonly double[]? _numbers;
    private readonly string?[]? _texts;

    private ModeratorColumn(string name, double[]? numbers, string?[]? texts)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        _numbers = numbers;
        _texts = texts;
    }

    /// <summary>The column name used in formulas.</summary>
    public string Name { get; }

    /// <summary>Whether the column holds text.</summary>
    public bool IsText => _texts is not null;

    /// <summary>Number of values.</summary>
    public int Count => _numbers?.Length ?? _texts!.Length;

    /// <summary>The numbers (NaN = missing), or null for a text column.</summary>
    public IReadOnlyList<double>? Numbers => _numbers;

    /// <summary>The texts (null = missing), or null for a numeric column.</summary>
    public IReadOnlyList<string?>? Texts => _texts;

    /// <summary>A numeric column; NaN marks a missing value.</summary>
    public static ModeratorColumn Numeric(string name, IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new ModeratorColumn(name, values.ToArray(), null);
    }

    /// <summary>A text column (levels of a factor); null marks a missing value. Texts are used as given (not trimmed).</summary>
    public static ModeratorColumn Text(string name, IEnumerable<string?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new ModeratorColumn(name, null, values.ToArray());
    }

    internal double Number(int row) => _numbers![row];

    internal string? TextAt(int row) => _texts![row];

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({(IsText ? "text" : "numeric")}, {Count})";
}
