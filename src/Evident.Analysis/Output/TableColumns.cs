using System.Text.Json.Serialization.Metadata;
using Evident.Analysis.Documents;

namespace Evident.Analysis.Output;

/// <summary>One column of a CSV or Markdown table: its header and how a row's cell is read off a document record.</summary>
/// <param name="Name">The header.</param>
/// <param name="Value">The cell of a row (the record the columns were made for).</param>
internal sealed record TableColumn(string Name, Func<object, FieldValue> Value);

/// <summary>
/// The columns of the CSV and Markdown tables, read off the documents' source-generated JSON metadata, so a table has
/// the JSON's names in the JSON's order and no list of its own: every property the JSON always writes, a scalar as one
/// column, an interval (<see cref="Bounds"/>) as <c>NAME_lower</c> and <c>NAME_upper</c>, an object as its own columns
/// named <c>NAME_field</c>. Lists, and properties written only sometimes (the batch key, the MH tests, the
/// meta-regression, …), are not columns.
/// </summary>
internal static class TableColumns
{
    /// <summary>
    /// The columns of the records <paramref name="info"/> describes, found from a row by <paramref name="owner"/>
    /// (null: empty cells), those of its properties <paramref name="where"/> keeps (all when null).
    /// </summary>
    public static IReadOnlyList<TableColumn> Of(JsonTypeInfo info, Func<object, object?> owner, Func<JsonPropertyInfo, bool>? where = null)
    {
        var columns = new List<TableColumn>();
        Add(columns, info, "", owner, where ?? (_ => true));
        return columns;
    }

    /// <summary>The cells of <paramref name="row"/>, named by their columns.</summary>
    public static IEnumerable<(string Name, FieldValue Value)> Cells(this IReadOnlyList<TableColumn> columns, object row)
        => columns.Select(c => (c.Name, c.Value(row)));

    private static void Add(List<TableColumn> columns, JsonTypeInfo info, string prefix, Func<object, object?> owner, Func<JsonPropertyInfo, bool> where)
    {
        foreach (var property in info.Properties.OrderBy(p => p.Order))
        {
            if (property.ShouldSerialize is not null || !where(property))
            {
                continue;
            }

            var get = property.Get ?? throw new InvalidOperationException($"{info.Type.Name}.{property.Name} cannot be read.");
            object? Value(object row) => owner(row) is { } o ? get(o) : null;
            var name = prefix + property.Name;
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (type == typeof(Bounds))
            {
                columns.Add(new(name + "_lower", row => Value(row) is Bounds b ? b.Lower : default(FieldValue)));
                columns.Add(new(name + "_upper", row => Value(row) is Bounds b ? b.Upper : default(FieldValue)));
            }
            else if (type == typeof(string) || type == typeof(double) || type == typeof(int) || type == typeof(bool))
            {
                columns.Add(new(name, row => Cell(Value(row))));
            }
            else if (info.Options.GetTypeInfo(type) is { Kind: JsonTypeInfoKind.Object } part)
            {
                Add(columns, part, name + "_", Value, _ => true);
            }
        }
    }

    private static FieldValue Cell(object? value) => value switch
    {
        null => default,
        string text => text,
        double number => number,
        int count => count,
        bool flag => flag,
        _ => throw new InvalidOperationException($"A table cell cannot hold a {value.GetType().Name}."),
    };
}
