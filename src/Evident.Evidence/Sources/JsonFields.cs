using System.Globalization;
using System.Text.Json;

namespace Evident.Evidence.Sources;

/// <summary>
/// Typed reads of JSON values that turn every problem into a located <see cref="EvidenceIssue"/> and return null for
/// the value, so one bad field never stops the rest of the file. Without <see cref="JsonLocations"/> (a document that
/// was never text) the issues carry no line and column.
/// </summary>
internal sealed class JsonFields(string file, JsonLocations? locations)
{
    public List<EvidenceIssue> Issues { get; } = [];

    public void Report(string code, EvidenceIssueSeverity severity, string path, string message)
    {
        var at = locations?.At(path);
        Issues.Add(new EvidenceIssue(code, severity, message, file, at?.Line, at?.Column, path));
    }

    public void Error(string code, string path, string message) => Report(code, EvidenceIssueSeverity.Error, path, message);

    /// <summary>Warns about properties of <paramref name="obj"/> not in <paramref name="known"/>.</summary>
    public void CheckKnown(JsonElement obj, string path, IReadOnlyCollection<string> known)
    {
        foreach (var p in obj.EnumerateObject().Where(p => !known.Contains(p.Name)))
        {
            Report(EvidenceIssueCodes.UnknownField, EvidenceIssueSeverity.Warning, Join(path, p.Name),
                $"'{p.Name}' is not a field of this format and is ignored (known: {string.Join(", ", known)}).");
        }
    }

    public static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    /// <summary>A value as a message quotes it: its JSON text, cut after 60 characters (a 4 MB array is not repeated whole).</summary>
    public static string Shown(JsonElement v)
    {
        var raw = v.GetRawText();
        return raw.Length <= 60 ? raw : raw[..57].TrimEnd() + "…";
    }

    public static JsonElement? Get(JsonElement obj, string name)
        => obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    public string? Text(JsonElement obj, string path, string name)
    {
        if (Get(obj, name) is not { } v)
        {
            return null;
        }

        if (v.ValueKind == JsonValueKind.String)
        {
            return v.GetString() is { Length: > 0 } s ? s : null;
        }

        Error(EvidenceIssueCodes.InvalidValue, Join(path, name), $"'{name}' must be text, not {Shown(v)}.");
        return null;
    }

    public bool? Flag(JsonElement obj, string path, string name)
    {
        if (Get(obj, name) is not { } v)
        {
            return null;
        }

        if (v.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return v.GetBoolean();
        }

        Error(EvidenceIssueCodes.InvalidValue, Join(path, name), $"'{name}' must be true or false, not {Shown(v)}.");
        return null;
    }

    public int? Count(JsonElement obj, string path, string name)
    {
        if (Get(obj, name) is not { } v)
        {
            return null;
        }

        var number = NumberOf(v, Join(path, name), name);
        if (number is null)
        {
            return null;
        }

        if (number.Value.Value < 0 || number.Value.Value != Math.Floor(number.Value.Value) || number.Value.Value > int.MaxValue)
        {
            Error(EvidenceIssueCodes.OutOfRange, Join(path, name), $"'{name}' must be a whole number ≥ 0, not {Shown(v)}.");
            return null;
        }

        return (int)number.Value.Value;
    }

    /// <summary>A number as printed: a JSON number (its raw text gives the decimals, so 0.40 keeps two) or a numeric string.</summary>
    public SourceNumber? Number(JsonElement obj, string path, string name, double min = double.NegativeInfinity, double max = double.PositiveInfinity)
    {
        if (Get(obj, name) is not { } v)
        {
            return null;
        }

        var n = NumberOf(v, Join(path, name), name);
        if (n is { } x && (x.Value < min || x.Value > max))
        {
            Error(EvidenceIssueCodes.OutOfRange, Join(path, name),
                $"'{name}' = {Shown(v)} is outside [{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}].");
            return null;
        }

        return n;
    }

    public SourceNumber? NumberOf(JsonElement v, string path, string name)
    {
        var text = v.ValueKind switch
        {
            JsonValueKind.Number => v.GetRawText(),
            JsonValueKind.String => v.GetString(),
            _ => null,
        };
        if (text is not null && SourceNumber.Parse(text) is { } n)
        {
            return n;
        }

        Error(EvidenceIssueCodes.InvalidValue, path, $"'{name}' must be a number, not {Shown(v)}.");
        return null;
    }

    /// <summary>A pair of numbers <c>[lower, upper]</c> with lower ≤ upper.</summary>
    public (SourceNumber Lower, SourceNumber Upper)? Pair(JsonElement obj, string path, string name)
    {
        if (Get(obj, name) is not { } v)
        {
            return null;
        }

        var at = Join(path, name);
        if (v.ValueKind != JsonValueKind.Array || v.GetArrayLength() != 2)
        {
            Error(EvidenceIssueCodes.InvalidValue, at, $"'{name}' must be two numbers [lower, upper], not {Shown(v)}.");
            return null;
        }

        var lower = NumberOf(v[0], at + "[0]", name + " lower bound");
        var upper = NumberOf(v[1], at + "[1]", name + " upper bound");
        if (lower is null || upper is null)
        {
            return null;
        }

        if (lower.Value.Value > upper.Value.Value)
        {
            Error(EvidenceIssueCodes.OutOfRange, at, $"'{name}' lower bound {lower} is above its upper bound {upper}.");
            return null;
        }

        return (lower.Value, upper.Value);
    }

    public string[] Texts(JsonElement obj, string path, string name)
    {
        if (Get(obj, name) is not { } v)
        {
            return [];
        }

        if (v.ValueKind == JsonValueKind.Array && v.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String))
        {
            return [.. v.EnumerateArray().Select(e => e.GetString()!).Where(s => s.Length > 0)];
        }

        Error(EvidenceIssueCodes.InvalidValue, Join(path, name), $"'{name}' must be a list of texts, not {Shown(v)}.");
        return [];
    }
}
