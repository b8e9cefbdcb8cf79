using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Evident.Analysis.Documents;

/// <summary>
/// How the analysis documents are written and read: System.Text.Json with source-generated metadata (no reflection, so
/// the NativeAOT command can use it), indented, non-ASCII as is (<see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>),
/// numbers with round-trip precision (a number that does not exist, NaN or ±∞, is already null in the records).
/// Property names are the records' <see cref="JsonPropertyNameAttribute"/>s; properties present in some documents only
/// are <see cref="JsonIgnoreCondition.WhenWritingNull"/> (absent exactly when null) or <see cref="JsonPresentWithAttribute"/>
/// (a group written, nulls and all, when its anchor is not null). Reading skips comments and trailing commas, accepts
/// members it does not know (a report's JSON reads as an analysis), leaves out what the text leaves out, and refuses null
/// where a record says a value is never null (a list, an object).
/// </summary>
/// <remarks>
/// Implementation note: the generated deserializer sets every init-only property, null for one the text lacks (it does
/// not keep the initializer's value), so the records' lists and objects turn null into empty in their init accessors.
/// </remarks>
public static class DocumentJson
{
    /// <summary>
    /// The records with <see cref="JsonPresentWithAttribute"/> properties: for each, the JSON names of those properties
    /// and of their anchors.
    /// </summary>
    internal static IReadOnlyDictionary<Type, (string Member, string Anchor)[]> Groups { get; } = new Dictionary<Type, (string, string)[]>
    {
        [typeof(SettingsDocument)] = GroupsOf(typeof(SettingsDocument)),
        [typeof(OutcomeDocument)] = GroupsOf(typeof(OutcomeDocument)),
    };

    /// <summary>The options of every analysis document (read-only).</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>The whole document <c>{"settings","outcomes","issues"[,"summary"]}</c>.</summary>
    public static JsonTypeInfo<AnalysisDocument> Analysis => field ??= Info<AnalysisDocument>();

    /// <summary>The <c>settings</c> object.</summary>
    public static JsonTypeInfo<SettingsDocument> Settings => field ??= Info<SettingsDocument>();

    /// <summary>One element of <c>outcomes</c>.</summary>
    public static JsonTypeInfo<OutcomeDocument> Outcome => field ??= Info<OutcomeDocument>();

    /// <summary>One element of <c>issues</c>.</summary>
    public static JsonTypeInfo<IssueDocument> Issue => field ??= Info<IssueDocument>();

    /// <summary>The <c>summary</c> object of a batch run.</summary>
    public static JsonTypeInfo<SummaryDocument> Summary => field ??= Info<SummaryDocument>();

    /// <summary>A report's JSON.</summary>
    public static JsonTypeInfo<ReportJsonDocument> Report => field ??= Info<ReportJsonDocument>();

    /// <summary>An outcome's <c>bias</c> object.</summary>
    public static JsonTypeInfo<BiasDocument> Bias => field ??= Info<BiasDocument>();

    /// <summary>One element of an outcome's <c>sensitivity.studies</c>.</summary>
    public static JsonTypeInfo<SensitivityStudyDocument> SensitivityStudy => field ??= Info<SensitivityStudyDocument>();

    /// <summary>
    /// Adds to <paramref name="info"/> (an object's metadata) what attributes alone cannot say: a property marked
    /// <see cref="JsonPresentWithAttribute"/> is written only when its anchor is not null.
    /// </summary>
    private static void ApplyGroups(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object || !Groups.TryGetValue(info.Type, out var groups))
        {
            return;
        }

        foreach (var (member, anchor) in groups)
        {
            var get = info.Properties.Single(p => p.Name == anchor).Get ?? throw new InvalidOperationException($"{info.Type.Name}.{anchor} cannot be read.");
            info.Properties.Single(p => p.Name == member).ShouldSerialize = (owner, _) => get(owner) is not null;
        }
    }

    /// <summary>
    /// The groups of <paramref name="type"/>, read once from its properties' attributes.
    /// </summary>
    /// <remarks>
    /// Implementation note: one reflection call per record rather than the metadata's attribute provider of every
    /// property, which resolves each property on its own (some 50 ms of start-up under the JIT).
    /// </remarks>
    private static (string Member, string Anchor)[] GroupsOf([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] Type type)
    {
        var properties = type.GetProperties();
        string JsonName(string name) => properties.Single(p => p.Name == name).GetCustomAttribute<JsonPropertyNameAttribute>()!.Name;
        return [.. properties.Where(p => p.IsDefined(typeof(JsonPresentWithAttribute))).Select(p => (JsonName(p.Name), JsonName(p.GetCustomAttribute<JsonPresentWithAttribute>()!.Anchor)))];
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(DocumentJsonContext.Default.Options)
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = DocumentJsonContext.Default.WithAddedModifier(ApplyGroups),
        };
        options.MakeReadOnly();
        return options;
    }

    private static JsonTypeInfo<T> Info<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    /// <summary>
    /// Reads an analysis document: the document, or why not as one located error (<c>invalid-json</c> when the text is
    /// not JSON, <c>invalid-document</c> when a value is not of its field's type or the root is not an object).
    /// </summary>
    internal static DocumentRead Read(string text, string file)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            while (reader.Read())
            {
            }
        }
        catch (JsonException e)
        {
            var (line, column) = Position(utf8, e);
            return new DocumentRead(null, new DocumentError(file, line, column, null, AnalysisIssueCodes.InvalidJson,
                $"Not valid JSON: {e.Message.Split(" LineNumber", 2)[0].TrimEnd('.', ' ')}."));
        }

        try
        {
            return JsonSerializer.Deserialize(utf8, Analysis) is { } document
                ? new DocumentRead(document, null)
                : new DocumentRead(null, new DocumentError(file, 1, 1, "", AnalysisIssueCodes.InvalidDocument, "The document is null, not an object."));
        }
        catch (JsonException e)
        {
            var (line, column) = Position(utf8, e);
            var path = e.Path is { } p ? p.TrimStart('$').TrimStart('.') : "";
            var name = path.Length == 0 ? "The document" : $"'{path.Split('.')[^1]}'";
            var must = e.Message.Contains("null value", StringComparison.Ordinal) ? "must not be null" : $"must be {Expected(path)}";
            return new DocumentRead(null, new DocumentError(file, line, column, path, AnalysisIssueCodes.InvalidDocument,
                $"{name} {must}, as 'evident analyze --format json' writes it."));
        }
    }

    /// <summary>Line and column (1-based, in characters) of a <see cref="JsonException"/>'s line and byte position.</summary>
    private static (int Line, int Column) Position(byte[] utf8, JsonException e)
    {
        var line = (int)(e.LineNumber ?? 0);
        var start = 0;
        for (var l = 0; l < line && start < utf8.Length; l++)
        {
            var next = Array.IndexOf(utf8, (byte)'\n', start);
            start = next < 0 ? utf8.Length : next + 1;
        }

        var bytes = (int)Math.Min(e.BytePositionInLine ?? 0, utf8.Length - start);
        return (line + 1, Encoding.UTF8.GetCharCount(utf8, start, bytes) + 1);
    }

    /// <summary>What the contract has at <paramref name="path"/> (<c>outcomes[0].tau2_ci</c>), in words.</summary>
    private static string Expected(string path)
    {
        JsonTypeInfo info = Analysis;
        var nullable = false;
        foreach (var step in path.Replace("[", ".[", StringComparison.Ordinal).Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            if (step.StartsWith('[') && info.ElementType is { } element)
            {
                (info, nullable) = (Options.GetTypeInfo(element), false);
            }
            else if (info.Properties.FirstOrDefault(p => p.Name == step) is { } property)
            {
                (info, nullable) = (Options.GetTypeInfo(property.PropertyType), property.IsSetNullable);
            }
            else
            {
                return "of the type its field holds";
            }
        }

        var type = Nullable.GetUnderlyingType(info.Type) ?? info.Type;
        var words = type == typeof(Bounds) ? "two numbers [lower, upper]"
            : type == typeof(double) ? "a number"
            : type == typeof(int) ? "a whole number"
            : type == typeof(bool) ? "true or false"
            : type == typeof(string) ? "text"
            : info.Kind == JsonTypeInfoKind.Enumerable ? "a list"
            : "an object";
        return nullable ? words + " or null" : words;
    }
}

/// <summary>
/// Marks a property written only together with another (its group's anchor): when the anchor is null the property is
/// left out, otherwise it is written even when null. The meta-regression's fields of an outcome, say, are all there
/// with <c>--mods</c> (some of them null) and none without.
/// </summary>
/// <param name="anchor">The C# name of the property whose value decides (use <c>nameof</c>).</param>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class JsonPresentWithAttribute(string anchor) : Attribute
{
    /// <summary>The C# name of the property whose value decides.</summary>
    public string Anchor { get; } = anchor;
}

/// <summary>An analysis document read from text, or the located reason it could not be.</summary>
/// <param name="Document">The document, or null.</param>
/// <param name="Error">Why there is no document, or null.</param>
public sealed record DocumentRead(AnalysisDocument? Document, DocumentError? Error);

/// <summary>A located problem with a document's text.</summary>
/// <param name="File">The file, as given.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column, in characters.</param>
/// <param name="Path">Where in the document (<c>outcomes[0].p</c>; empty for the root), or null when the text is not JSON.</param>
/// <param name="Code">Stable kebab-case code (<see cref="AnalysisIssueCodes.InvalidJson"/>, <see cref="AnalysisIssueCodes.InvalidDocument"/>).</param>
/// <param name="Message">A sentence for people.</param>
public sealed record DocumentError(string File, int Line, int Column, string? Path, string Code, string Message)
{
    /// <summary><c>file:line:column: path: message [code]</c> (without the path when there is none).</summary>
    public override string ToString() => $"{File}:{Line}:{Column}: {(string.IsNullOrEmpty(Path) ? "" : Path + ": ")}{Message} [{Code}]";
}

/// <summary>The source-generated metadata of the documents.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, RespectNullableAnnotations = true)]
[JsonSerializable(typeof(AnalysisDocument))]
[JsonSerializable(typeof(IssueDocument))]
[JsonSerializable(typeof(ReportJsonDocument))]
[JsonSerializable(typeof(SensitivityStudyDocument))]
internal sealed partial class DocumentJsonContext : JsonSerializerContext;
