using System.Text;

namespace Evident.Evidence.Sources;

/// <summary>Where a value of an evidence file stands, for messages about it that its readers did not write themselves.</summary>
public static class JsonPaths
{
    /// <summary>
    /// Line and column (1-based) of the value at <paramref name="path"/> (as issues name it: <c>outcomes[2].name</c>, or
    /// "" for the whole document) in a JSON text; null when the text is not JSON or has no such value.
    /// </summary>
    public static (int Line, int Column)? Locate(string jsonText, string path)
    {
        ArgumentNullException.ThrowIfNull(jsonText);
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return JsonLocations.Of(Encoding.UTF8.GetBytes(jsonText)).At(path);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
