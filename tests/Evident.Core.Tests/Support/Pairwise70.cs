using System.Globalization;
using System.IO.Compression;
using System.Text;
using Evident.Core.EffectSizes;
using Evident.Core.Validation;
using Evident.Tests.Shared;

namespace Evident.Core.Tests.Support;

/// <summary>
/// The Pairwise70 collection (<c>../shared/data/pairwise70/pairwise70.csv.gz</c>), read in place as the shared data's README
/// requires (its values are never copied into test code). Tests cite rows by the 1-based file line where the record starts
/// (the header is line 1; a quoted footnote may span lines). Missing file: the test is skipped, or fails when <c>CI</c> is set.
/// </summary>
public static class Pairwise70
{
    private static readonly Lazy<Data> Parsed = new(() => Load(FilePath));

    private static string FilePath => SharedFiles.Data("pairwise70", "pairwise70.csv.gz");

    /// <summary>The parsed file; asks <see cref="SharedFiles"/> first on every use, so each test skips (or fails under CI) on its own.</summary>
    private static Data Loaded
    {
        get
        {
            _ = FilePath;
            return Parsed.Value;
        }
    }

    /// <summary>Escalc field → column of the file.</summary>
    private static readonly Dictionary<string, string> Columns = new(StringComparer.Ordinal)
    {
        ["ai"] = "Experimental.cases",
        ["ci"] = "Control.cases",
        ["n1i"] = "Experimental.N",
        ["n2i"] = "Control.N",
        ["m1i"] = "Experimental.mean",
        ["sd1i"] = "Experimental.SD",
        ["m2i"] = "Control.mean",
        ["sd2i"] = "Control.SD",
        ["yi"] = "GIV.Mean",
        ["sei"] = "GIV.SE",
        ["oei"] = "O.E",
        ["vari"] = "Variance",
    };

    /// <summary>One record: the line it starts on and its cells by header.</summary>
    public sealed record Record(int Line, IReadOnlyDictionary<string, string> Cells)
    {
        /// <summary>The analysis key: review, analysis group and number.</summary>
        public string Analysis => $"{Cells["review"]} {Cells["Analysis.group"]}.{Cells["Analysis.number"]}";

        /// <summary>A numeric cell; empty and NA are null.</summary>
        public double? Number(string column) =>
            Cells[column] is "" or "NA" or "NaN" ? null : double.Parse(Cells[column], CultureInfo.InvariantCulture);

        /// <summary>The record as input to the RevMan agreement check (all fields read, data type per row).</summary>
        public RevManRow ToRevManRow()
        {
            var study = StudyInput.FromFields(Cells["Study"], f => Columns.TryGetValue(f, out var c) ? Number(c) : null);
            return new RevManRow
            {
                Study = study,
                DataType = DataTypes.Infer(study),
                Mean = Number("Mean"),
                CiStart = Number("CI.start"),
                CiEnd = Number("CI.end"),
                Weight = Number("Weight"),
                Subgroup = Cells["Subgroup"],
            };
        }
    }

    /// <summary>The record starting on <paramref name="line"/>.</summary>
    public static Record At(int line) => Loaded.ByLine.TryGetValue(line, out var r)
        ? r
        : throw new ArgumentOutOfRangeException(nameof(line), line, "no record starts on this line");

    /// <summary>Every record of the analysis holding the record on <paramref name="line"/>, in file order.</summary>
    public static IReadOnlyList<Record> AnalysisOf(int line) => Loaded.ByAnalysis[At(line).Analysis];

    /// <summary>Every analysis (review, analysis group and number): its records in file order.</summary>
    public static IEnumerable<IReadOnlyList<Record>> Analyses() => Loaded.ByAnalysis.Values;

    private sealed record Data(IReadOnlyDictionary<int, Record> ByLine, IReadOnlyDictionary<string, List<Record>> ByAnalysis);

    private static Data Load(string file)
    {
        using var stream = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var records = ParseCsv(reader.ReadToEnd());
        var header = records[0].Fields;
        var byLine = new Dictionary<int, Record>();
        var byAnalysis = new Dictionary<string, List<Record>>(StringComparer.Ordinal);
        foreach (var (line, fields) in records.Skip(1))
        {
            var cells = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Length; i++)
            {
                cells[header[i]] = i < fields.Length ? fields[i] : string.Empty;
            }

            var record = new Record(line, cells);
            byLine[line] = record;
            if (!byAnalysis.TryGetValue(record.Analysis, out var list))
            {
                byAnalysis[record.Analysis] = list = [];
            }

            list.Add(record);
        }

        return new Data(byLine, byAnalysis);
    }

    /// <summary>RFC 4180 records with the line each starts on (quoted fields may hold commas, quotes and line breaks).</summary>
    private static List<(int Line, string[] Fields)> ParseCsv(string text)
    {
        var records = new List<(int, string[])>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var (line, start, quoted) = (1, 1, false);
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
                    line += ch == '\n' ? 1 : 0;
                    field.Append(ch);
                }

                continue;
            }

            switch (ch)
            {
                case '"':
                    quoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\n':
                    fields.Add(field.ToString().TrimEnd('\r'));
                    field.Clear();
                    records.Add((start, fields.ToArray()));
                    fields.Clear();
                    line++;
                    start = line;
                    break;
                default:
                    field.Append(ch);
                    break;
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add((start, fields.ToArray()));
        }

        return records;
    }
}
