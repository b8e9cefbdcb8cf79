using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Evident.Core;

namespace Evident.Analysis.Documents;

/// <summary>
/// An interval as the documents write it, <c>[lower, upper]</c>; a bound that does not exist (NaN, ±∞) is null. In CSV
/// and Markdown it is two columns, <c>NAME_lower</c> and <c>NAME_upper</c>.
/// </summary>
/// <param name="Lower">The lower bound, or null.</param>
/// <param name="Upper">The upper bound, or null.</param>
[JsonConverter(typeof(BoundsConverter))]
public readonly record struct Bounds(double? Lower, double? Upper)
{
    /// <summary>The bounds of <paramref name="interval"/>; null for none.</summary>
    public static Bounds? Of(Interval? interval)
        => interval is { } i ? new Bounds(DocumentValues.Finite(i.Lower), DocumentValues.Finite(i.Upper)) : null;
}

/// <summary>How result values become document values.</summary>
internal static class DocumentValues
{
    /// <summary>A number the documents can write: null for null, NaN and ±∞.</summary>
    public static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    /// <summary>A name-value list from parallel lists of names and values.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Pairs(IReadOnlyList<string> names, IReadOnlyList<string> values)
        => [.. names.Select((name, i) => KeyValuePair.Create(name, values[i]))];
}

/// <summary>Writes <see cref="Bounds"/> as <c>[lower, upper]</c> and reads it back.</summary>
internal sealed class BoundsConverter : JsonConverter<Bounds>
{
    public override Bounds Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException();
        }

        var lower = Bound(ref reader);
        var upper = Bound(ref reader);
        if (!reader.Read() || reader.TokenType != JsonTokenType.EndArray)
        {
            throw new JsonException();
        }

        return new Bounds(lower, upper);
    }

    public override void Write(Utf8JsonWriter writer, Bounds value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        Write(writer, value.Lower);
        Write(writer, value.Upper);
        writer.WriteEndArray();
    }

    private static double? Bound(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.Number => reader.GetDouble(),
            JsonTokenType.Null => null,
            _ => throw new JsonException(),
        };
    }

    private static void Write(Utf8JsonWriter writer, double? value)
    {
        if (value is { } v)
        {
            writer.WriteNumberValue(v);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

/// <summary>
/// An object whose members are data, not fields (a batch key's columns, a prediction's moderator values, counts by
/// name): written and read as an ordered list of name-value pairs, so the order (and a repeated name) is kept.
/// </summary>
internal abstract class PairsConverter<T> : JsonConverter<IReadOnlyList<KeyValuePair<string, T>>>
{
    public override IReadOnlyList<KeyValuePair<string, T>> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException();
        }

        var pairs = new List<KeyValuePair<string, T>>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            pairs.Add(KeyValuePair.Create(name, ReadValue(ref reader)));
        }

        return pairs;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<KeyValuePair<string, T>> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (name, item) in value)
        {
            writer.WritePropertyName(name);
            WriteValue(writer, item);
        }

        writer.WriteEndObject();
    }

    protected abstract T ReadValue(ref Utf8JsonReader reader);

    protected abstract void WriteValue(Utf8JsonWriter writer, T value);
}

/// <summary>Texts by name. A value that is not text is read as its JSON text (a key value of <c>1</c> is "1").</summary>
internal sealed class TextPairsConverter : PairsConverter<string>
{
    protected override string ReadValue(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString()!,
        JsonTokenType.StartObject or JsonTokenType.StartArray => ReadRaw(ref reader),
        _ => Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan),
    };

    protected override void WriteValue(Utf8JsonWriter writer, string value) => writer.WriteStringValue(value);

    private static string ReadRaw(ref Utf8JsonReader reader)
    {
        using var value = JsonDocument.ParseValue(ref reader);
        return value.RootElement.GetRawText();
    }
}

/// <summary>Counts by name.</summary>
internal sealed class CountPairsConverter : PairsConverter<int>
{
    protected override int ReadValue(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var count)
        ? count
        : throw new JsonException();

    protected override void WriteValue(Utf8JsonWriter writer, int value) => writer.WriteNumberValue(value);
}
