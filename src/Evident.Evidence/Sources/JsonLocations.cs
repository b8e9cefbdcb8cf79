using System.Text;
using System.Text.Json;

namespace Evident.Evidence.Sources;

/// <summary>
/// Line and column of every value in a JSON text, by path (<c>outcomes[2].ci</c>), so messages about a value can say
/// where it is. <see cref="JsonDocument"/> keeps no positions, so the text is walked once with a
/// <see cref="Utf8JsonReader"/>.
/// </summary>
internal sealed class JsonLocations
{
    private readonly Dictionary<string, (int Line, int Column)> _at = new(StringComparer.Ordinal);

    private JsonLocations()
    {
    }

    /// <summary>Line and column (1-based) of the value at <paramref name="path"/>, or null.</summary>
    public (int Line, int Column)? At(string path) => _at.TryGetValue(path, out var p) ? p : null;

    /// <summary>Walks <paramref name="utf8"/> (valid JSON, comments and trailing commas allowed).</summary>
    public static JsonLocations Of(byte[] utf8)
    {
        var map = new JsonLocations();
        var lineStarts = LineStarts(utf8);
        var cursor = new Cursor(lineStarts, utf8);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var stack = new Stack<(string Path, bool IsArray, int Index)>();
        string? property = null;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                property = reader.GetString();
                continue;
            }

            if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                stack.Pop();
                continue;
            }

            var path = PathOf(stack, property);
            if (stack.Count > 0 && stack.Peek().IsArray)
            {
                var top = stack.Pop();
                stack.Push(top with { Index = top.Index + 1 });
            }

            property = null;
            map._at[path] = cursor.Position((int)reader.TokenStartIndex);
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                stack.Push((path, reader.TokenType == JsonTokenType.StartArray, 0));
            }
        }

        return map;
    }

    /// <summary>Line and column (1-based, in characters) of a byte offset.</summary>
    public static (int Line, int Column) Position(List<int> lineStarts, int offset, byte[] utf8)
    {
        var line = lineStarts.BinarySearch(offset);
        line = line >= 0 ? line : ~line - 1;
        var column = Encoding.UTF8.GetCharCount(utf8, lineStarts[line], offset - lineStarts[line]) + 1;
        return (line + 1, column);
    }

    /// <summary>
    /// Line and column of increasing byte offsets, each counted from the previous one, so that the values of a long
    /// one-line array cost one pass over the line in all, not one each (which made a 4 MB line take minutes).
    /// </summary>
    private sealed class Cursor(List<int> lineStarts, byte[] utf8)
    {
        private int _line;
        private int _offset;
        private int _column = 1;

        public (int Line, int Column) Position(int offset)
        {
            var line = lineStarts.BinarySearch(offset);
            line = line >= 0 ? line : ~line - 1;
            if (line != _line || offset < _offset)
            {
                (_line, _offset, _column) = (line, lineStarts[line], 1);
            }

            _column += Encoding.UTF8.GetCharCount(utf8, _offset, offset - _offset);
            _offset = offset;
            return (line + 1, _column);
        }
    }

    /// <summary>Byte offsets at which lines start.</summary>
    public static List<int> LineStarts(byte[] utf8)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                starts.Add(i + 1);
            }
        }

        return starts;
    }

    private static string PathOf(Stack<(string Path, bool IsArray, int Index)> stack, string? property)
    {
        if (stack.Count == 0)
        {
            return "";
        }

        var (parent, isArray, index) = stack.Peek();
        var step = isArray ? $"[{index}]" : property ?? "";
        return isArray || parent.Length == 0 ? parent + step : parent + "." + step;
    }
}
