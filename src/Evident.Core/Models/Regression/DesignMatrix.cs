namespace Evident.Core.Models.Regression;

/// <summary>
/// The k×p design (model) matrix of a meta-regression, stored column by column (k·p numbers), with metafor's column
/// names (<c>intrcpt</c>, <c>x</c>, <c>factor(g)B</c>, <c>x:z</c>, <c>I(x - 3)</c>, …) and the input rows it uses.
/// </summary>
/// <remarks>
/// Built from a formula (<see cref="Build(string, int, IReadOnlyList{ModeratorColumn})"/>) as R's <c>model.matrix</c>
/// builds it, then cleaned as metafor's <c>rma</c> cleans it: rows with a missing moderator are left out
/// (<c>missing-moderator</c>), columns that are linear combinations of earlier ones are dropped
/// (<c>redundant-moderator</c>), and without an intercept a column of ones becomes the intercept.
/// <para>Factors use treatment contrasts with the first level as reference. Levels are sorted as R sorts a factor of
/// those values: numbers numerically (labelled as R prints them, e.g. <c>2</c>, <c>10</c>, <c>1e+05</c>), text by Unicode
/// code point, which is R's order in the C locale (upper case before lower case, <c>"10"</c> before <c>"9"</c>). A factor
/// in a term is coded by contrasts when the term without it is the intercept or is contained in an earlier term, else
/// by one indicator per level (Chambers &amp; Hastie 1992, §2.4.1); without an intercept the first factor is coded by
/// indicators.</para>
/// </remarks>
public sealed class DesignMatrix
{
    private readonly double[] _values;
    private readonly int[] _rows;
    private readonly string[] _names;

    internal DesignMatrix(int inputRows, int[] rows, string[] names, double[] values, bool hasIntercept,
        IReadOnlyList<string> dropped, IReadOnlyList<Issue> issues, ModelFormula? formula, DesignRecipe? recipe)
    {
        InputRows = inputRows;
        _rows = rows;
        _names = names;
        _values = values;
        HasIntercept = hasIntercept;
        DroppedColumns = dropped;
        Issues = issues;
        Formula = formula;
        Recipe = recipe;
    }

    /// <summary>Number of rows of the input data (studies before rows with missing moderators were left out).</summary>
    public int InputRows { get; }

    /// <summary>The input rows (0-based) the design uses, ascending; the design's row i is input row <c>Rows[i]</c>.</summary>
    public IReadOnlyList<int> Rows => _rows;

    /// <summary>Number of studies used (rows).</summary>
    public int K => _rows.Length;

    /// <summary>Number of coefficients (columns).</summary>
    public int P => _names.Length;

    /// <summary>Column names as metafor prints them.</summary>
    public IReadOnlyList<string> ColumnNames => _names;

    /// <summary>Whether the first column is the intercept (<c>intrcpt</c>).</summary>
    public bool HasIntercept { get; }

    /// <summary>Whether the model has only the intercept (a model without moderators).</summary>
    public bool IsInterceptOnly => HasIntercept && P == 1;

    /// <summary>Columns dropped as redundant (collinear with earlier columns), by name.</summary>
    public IReadOnlyList<string> DroppedColumns { get; }

    /// <summary>Rows left out, columns dropped and other notes from building the design.</summary>
    public IReadOnlyList<Issue> Issues { get; }

    /// <summary>The formula the design was built from, or null for a design given as a matrix.</summary>
    public ModelFormula? Formula { get; }

    internal DesignRecipe? Recipe { get; }

    /// <summary>Element (row, column), row in 0..K−1.</summary>
    public double this[int row, int column] => _values[(column * _rows.Length) + row];

    /// <summary>One column (K values).</summary>
    public ReadOnlySpan<double> Column(int column)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, P);
        return _values.AsSpan(column * _rows.Length, _rows.Length);
    }

    /// <summary>All values, column-major (K·P).</summary>
    internal ReadOnlySpan<double> Values => _values;

    /// <summary>
    /// Builds the design for <paramref name="formula"/> from <paramref name="rows"/> rows of moderator data. Problems are
    /// issues: a bad formula (<c>formula-syntax</c>), an unknown column, a text column in arithmetic, no rows or no columns
    /// left are errors (no design); rows with missing values, dropped columns and one-level factors are warnings.
    /// </summary>
    /// <exception cref="ArgumentException">Two columns have the same name, or a column's length differs from <paramref name="rows"/>.</exception>
    public static DesignResult Build(string formula, int rows, IReadOnlyList<ModeratorColumn> columns)
    {
        var parsed = ModelFormula.Parse(formula);
        if (parsed.Formula is null)
        {
            return new DesignResult(null, parsed.Issues);
        }

        return DesignBuilder.Build(parsed.Formula, rows, columns, parsed.Issues);
    }

    /// <inheritdoc cref="Build(string, int, IReadOnlyList{ModeratorColumn})"/>
    public static DesignResult Build(ModelFormula formula, int rows, IReadOnlyList<ModeratorColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(formula);
        return DesignBuilder.Build(formula, rows, columns, []);
    }

    /// <summary>
    /// The design of a subgroup analysis: <c>~ factor(name)</c> on one categorical column (intercept and one column per
    /// level but the first). Fitting it gives the common τ² of the subgroups: the one-liner is
    /// <c>MetaRegression.Fit(yi, vi, DesignMatrix.ForGroups(labels).Design!).Tau2</c>, or <see cref="MetaRegression.FitGroups"/>.
    /// With one group it is the intercept-only design (<c>single-level-factor</c> warning); null labels are missing.
    /// </summary>
    public static DesignResult ForGroups(IReadOnlyList<string?> groups, string name = "group")
    {
        ArgumentNullException.ThrowIfNull(groups);
        return Build("~ factor(" + RText.Name(name) + ")", groups.Count, [ModeratorColumn.Text(name, groups)]);
    }

    /// <summary>The design of the model without moderators (one column of ones, <c>intrcpt</c>).</summary>
    public static DesignMatrix InterceptOnly(int rows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        var values = new double[rows];
        Array.Fill(values, 1.0);
        return new DesignMatrix(rows, Enumerable.Range(0, rows).ToArray(), ["intrcpt"], values, true, [], [],
            ModelFormula.Parse("~ 1").Formula, DesignRecipe.InterceptOnly);
    }

    /// <summary>
    /// A design given as numeric columns (metafor's <c>mods = matrix</c>), with an intercept added first unless
    /// <paramref name="intercept"/> is false. Rows with a non-finite value are left out and redundant columns dropped,
    /// as for a formula.
    /// </summary>
    /// <exception cref="ArgumentException">Names and columns differ in number, or columns differ in length.</exception>
    public static DesignResult FromColumns(IReadOnlyList<string> names, IReadOnlyList<IReadOnlyList<double>> columns, bool intercept = true)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(columns);
        return DesignBuilder.FromColumns(names, columns, intercept);
    }

    /// <summary>
    /// The rows of this design for new data (raw variable values, e.g. for prediction): the same formula, factor levels,
    /// coding and dropped columns as the fitted data. A row with a missing value or a factor level the fit did not have
    /// (<c>unknown-level</c>) is left out with an issue.
    /// </summary>
    /// <exception cref="InvalidOperationException">The design was not built from a formula.</exception>
    public DesignResult ForNewData(int rows, IReadOnlyList<ModeratorColumn> columns)
    {
        if (Recipe is null)
        {
            throw new InvalidOperationException("This design was given as a matrix; give new rows of column values instead.");
        }

        return DesignBuilder.ForNewData(this, Recipe, rows, columns);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{K}×{P} design: {string.Join(", ", _names)}";
}

/// <summary>The outcome of building a design.</summary>
/// <param name="Design">The design, or null when it could not be built (see the error issues).</param>
/// <param name="Issues">Every issue found, errors and warnings (also kept in <see cref="DesignMatrix.Issues"/>).</param>
public sealed record DesignResult(DesignMatrix? Design, IReadOnlyList<Issue> Issues)
{
    /// <summary>Whether a design was built.</summary>
    public bool Success => Design is not null;
}
