using System.Text;
using Evident.Tests.Shared;

namespace Evident.Rendering.Tests.RiskOfBias;

/// <summary>A CSV table as the readers take it: header, then rows of cells.</summary>
internal sealed record Table(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    /// <summary>Splits CSV text (RFC 4180: quoted fields with commas, doubled quotes and line breaks; CRLF or LF).</summary>
    public static Table Parse(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(ch);
                }
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else if (ch is '\r' or '\n')
            {
                if (ch == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
            }
            else
            {
                field.Append(ch);
            }
        }

        if (field.Length > 0 || record.Count > 0)
        {
            record.Add(field.ToString());
            records.Add(record);
        }

        return new Table(records[0], [.. records.Skip(1).Where(r => r.Any(c => c.Length > 0))]);
    }
}

/// <summary>
/// The real third-party tables in <c>../shared/data</c>, read at test time (never copied into the repository). A test
/// skips when they are absent, and fails instead when <c>CI</c> is set.
/// </summary>
internal static class SharedTable
{
    /// <summary>The text of a file under <c>../shared/data</c> (<see cref="SharedFiles"/>: skips or fails when absent).</summary>
    public static string Text(params string[] parts) => File.ReadAllText(SharedFiles.Data(parts));

    /// <summary>One of robvis's example tables (<c>data_raw/NAME.csv</c>).</summary>
    public static Table Robvis(string name) => Table.Parse(Text("mcguinlu__robvis", "data_raw", name + ".csv"));

    /// <summary>PRISMA2020's template <c>inst/extdata/PRISMA.csv</c>.</summary>
    public static Table PrismaTemplate() => Table.Parse(Text("prisma-flowdiagram__PRISMA2020", "inst", "extdata", "PRISMA.csv"));
}
