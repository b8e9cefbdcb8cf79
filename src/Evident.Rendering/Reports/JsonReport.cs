using System.Globalization;
using System.Text.Json;
using Evident.Analysis;
using Evident.Analysis.Documents;

namespace Evident.Rendering.Reports;

/// <summary>
/// A report as data (<see cref="ReportJsonDocument"/>): the document <c>analyze --format json</c> writes for the same run
/// (its <c>settings</c>, <c>outcomes</c> and <c>issues</c>), with a <c>report</c> object first (title, input, date,
/// version, the methods paragraph and its references, the I² bands) and, in each outcome after <c>i2_ci</c>,
/// <c>i2_bands</c> (the band words) and <c>i2_interpretation</c> (the sentence the page prints).
/// </summary>
public static class JsonReport
{
    /// <summary>The JSON text.</summary>
    /// <param name="report">The report.</param>
    /// <param name="analysis">The analysis document of the same run.</param>
    public static string Write(ReportDocument report, AnalysisDocument analysis)
    {
        if (analysis.Outcomes.Count != report.Outcomes.Count)
        {
            throw new InvalidOperationException($"The analysis document has {analysis.Outcomes.Count} outcomes, the report {report.Outcomes.Count}.");
        }

        var header = new ReportHeaderDocument
        {
            Title = report.Title,
            Input = report.InputName,
            Date = report.Generated.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            EvidentVersion = report.Version,
            Methods = report.Methods,
            References = report.References,
            I2Bands = [.. HeterogeneityBands.All.Select(b => new I2BandDocument { Band = b.Name, From = b.From, To = b.To, Wording = b.Phrase })],
            I2BandsSource = $"{Citations.HandbookChapter10.Cite}, §10.10.2",
            IssuesSummary = report.IssuesSummary,
        };
        var outcomes = analysis.Outcomes.Select((o, i) => o with
        {
            I2Bands = [.. report.Outcomes[i].I2Bands.Select(b => b.Name)],
            I2Interpretation = report.Outcomes[i].I2Interpretation,
        });
        return JsonSerializer.Serialize(new ReportJsonDocument(header, analysis.Settings, [.. outcomes], analysis.Issues), DocumentJson.Report) + "\n";
    }
}
