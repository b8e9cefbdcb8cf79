namespace Evident.Analysis;

/// <summary>
/// Issue codes the command adds to Core's (<see cref="Evident.Core.IssueCodes"/>): problems with the file itself.
/// Stable and kebab-case; the README lists them.
/// </summary>
public static class AnalysisIssueCodes
{
    /// <summary>The input file does not exist.</summary>
    public const string FileNotFound = "file-not-found";

    /// <summary>The input file exists but cannot be read (permissions, a directory, broken gzip).</summary>
    public const string FileUnreadable = "file-unreadable";

    /// <summary>The file has no header or no data rows.</summary>
    public const string EmptyFile = "empty-file";

    /// <summary>A column the measure needs is missing (no accepted set of columns is complete).</summary>
    public const string MissingColumn = "missing-column";

    /// <summary>Two headers map to the same input; the first is used.</summary>
    public const string DuplicateColumn = "duplicate-column";

    /// <summary>A cell the measure needs is not a number; the row is skipped.</summary>
    public const string NonNumeric = "non-numeric";

    /// <summary>
    /// A cell the measure needs holds a number that could be read two ways (a <c>.</c> in a file with decimal commas,
    /// or digit grouping such as <c>1,250</c>); it is not read, and the row is skipped.
    /// </summary>
    public const string AmbiguousNumber = "ambiguous-number";

    /// <summary>The input is not a text table (a workbook, PDF, bibliographic file, web page, binary file …); nothing is analysed.</summary>
    public const string NotCsv = "not-csv";

    /// <summary>How the bytes were read when that was assumed, not given (Windows-1252, UTF-16 without a byte-order mark, compressed input): info.</summary>
    public const string Encoding = "encoding";

    /// <summary>The text is neither UTF-8 nor Windows-1252; it is refused rather than shown garbled.</summary>
    public const string EncodingUnknown = "encoding-unknown";

    /// <summary>A row has more cells than the header and one of them holds text: its cells are shifted, so it is not analysed.</summary>
    public const string ExtraCells = "extra-cells";

    /// <summary>A row has fewer cells than the header; the missing cells read as empty (warning).</summary>
    public const string MissingCells = "missing-cells";

    /// <summary>A quote opens a field and is never closed; the field is ended at its line's end, the row is not analysed, and the lines after it are read as rows.</summary>
    public const string UnterminatedQuote = "unterminated-quote";

    /// <summary>A quoted field spans line breaks followed by lines as full of delimiters as a row (rows swallowed by stray quotes?); the row is not analysed.</summary>
    public const string QuoteSpansRows = "quote-spans-rows";

    /// <summary>Headers named after the arms were read by their roles (e.g. <c>Mean RMT</c> as the experimental mean next to <c>Mean control</c>): info.</summary>
    public const string ColumnsInferred = "columns-inferred";

    /// <summary>A RevMan 5 export's comparison, outcome and subgroup headings (with RevMan's totals) are not studies and are not analysed: info.</summary>
    public const string RevManHeadings = "revman-headings";

    /// <summary>A study used in an analysis has a standard deviation of 0 (RevMan calls such a study not estimable; warning).</summary>
    public const string ZeroSd = "zero-sd";

    /// <summary>An analysis did not use every row it read (each row is reported by its own issue); warning.</summary>
    public const string RowsNotUsed = "rows-not-used";

    /// <summary><c>--strict</c>: the run had warnings or errors, so it fails (exit 1) and writes no document.</summary>
    public const string Strict = "strict";

    /// <summary>A <c>;</c>-separated file with decimal commas was recognised; its commas are read as decimal points.</summary>
    public const string EuropeanCsv = "european-csv";

    /// <summary>Core failed on an analysis (a bug); the other analyses go on.</summary>
    public const string AnalysisFailed = "analysis-failed";

    /// <summary>With <c>--measure auto</c>: a row has no complete set of values of any data type; the row is skipped.</summary>
    public const string NoDataType = "no-data-type";

    /// <summary>With <c>--measure auto</c>: an analysis mixes rows of different data types; it is not analysed.</summary>
    public const string MixedDataTypes = "mixed-data-types";

    /// <summary>A row's <c>Applicability</c> keeps it out of this analysis (subgroup-only rows in an overall analysis, or the reverse).</summary>
    public const string ApplicabilityExcluded = "applicability-excluded";

    /// <summary>The pooling method (<c>--method MH</c>/<c>PETO</c>) does not apply to the analysis's measure; the analysis is skipped.</summary>
    public const string MethodNotApplicable = "method-not-applicable";

    /// <summary>The <c>--mods</c> meta-regression cannot be fitted for an analysis (no usable design); the pooled analysis stands.</summary>
    public const string ModeratorsNotFitted = "moderators-not-fitted";

    // plot forest

    /// <summary>
    /// <c>plot forest --rob</c> and <c>report --rob</c>: the risk-of-bias file cannot be read or has nothing to draw (its
    /// problems are reported with the codes of <c>plot rob</c>); the forest plot (the report) is not drawn (written).
    /// </summary>
    public const string RobFileUnusable = "rob-file-unusable";

    /// <summary>
    /// <c>report --prisma</c>: the PRISMA file cannot be read, has no counts, or its counts do not add up (its problems are
    /// reported with the codes of <c>plot prisma</c>); the report is not written.
    /// </summary>
    public const string PrismaFileUnusable = "prisma-file-unusable";

    /// <summary><c>plot forest --rob</c>: a study of the analysis has no row in the risk-of-bias file (its columns stay blank), or a row of that file names no study of the analysis.</summary>
    public const string RobUnmatched = "rob-unmatched";

    /// <summary><c>plot forest --xlim</c>: the limits cannot be used on this analysis's axis (not positive on a ratio's log axis).</summary>
    public const string InvalidAxisLimits = "invalid-axis-limits";

    // Scatter-type plots (plot funnel, baujat, labbe, radial, bubble).

    /// <summary>A funnel plot's sample-size y axis (<c>--yaxis ni</c> and its kin) needs every study's sample size; the outcome is not drawn.</summary>
    public const string PlotNeedsSampleSizes = "plot-needs-sample-sizes";

    /// <summary>A funnel plot's weight y axis (<c>--yaxis wi</c>) needs the studies' weights; the outcome is not drawn.</summary>
    public const string PlotNeedsWeights = "plot-needs-weights";

    /// <summary>A L'Abbé plot needs binary data (events and totals per arm) analysed as OR, RR, RD or PETO; the outcome is not drawn.</summary>
    public const string PlotNotBinary = "plot-not-binary";

    /// <summary>A bubble plot needs <c>--mods</c> with exactly one continuous moderator; the outcome is not drawn.</summary>
    public const string PlotNeedsModerator = "plot-needs-moderator";

    // report, summarize

    /// <summary><c>report</c>, <c>summarize</c>: a file to write exists and <c>--force</c> was not given; nothing is written (exit 3).</summary>
    public const string OutputExists = "output-exists";

    /// <summary><c>report</c> (and <c>plot</c>): an output file cannot be written (a missing folder, no permission); exit 3.</summary>
    public const string OutputUnwritable = "output-unwritable";

    /// <summary><c>summarize --about</c>: an outcome of the facts file matches no outcome of the analysis (warning).</summary>
    public const string AboutUnmatched = "about-unmatched";

    /// <summary>
    /// <c>summarize --about</c>: the facts file has errors, or none of its outcomes matches an outcome of the analysis;
    /// nothing is written (exit 1).
    /// </summary>
    public const string AboutUnusable = "about-unusable";

    // plot rob, plot prisma

    /// <summary>A <c>plot</c> or <c>report</c> wrote nothing: every outcome, or the table, had a problem reported above (exit 1).</summary>
    public const string NothingWritten = "nothing-written";

    // every command

    /// <summary><c>--quiet</c>: the warnings (and notes) not printed one by one, counted in one line.</summary>
    public const string IssuesNotShown = "issues-not-shown";

    /// <summary>An unexpected failure of the command (a bug; exit 70): the one line says which command and how to report it.</summary>
    public const string InternalError = "internal-error";

    // reading an analysis document

    /// <summary>An analysis document (<c>analyze --format json</c>) to read is not JSON (line and column say where it stops).</summary>
    public const string InvalidJson = "invalid-json";

    /// <summary>An analysis document to read is JSON but not the document: its root is not an object, or a value is not of its field's type.</summary>
    public const string InvalidDocument = "invalid-document";
}
