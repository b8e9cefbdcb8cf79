using System.Globalization;

namespace Evident.Core.Models.Regression;

/// <summary>How a formula variable is coded in a design: numeric, or a factor with its levels in order.</summary>
internal sealed record VariableCoding(FormulaVariable Spec, bool IsFactor, string[] Levels);

/// <summary>
/// One design column as a product over variables: a numeric variable contributes its value, a factor variable the
/// indicator of one level (<see cref="Levels"/>[j], −1 for a numeric variable). No variables: the intercept.
/// </summary>
internal sealed record ColumnSpec(int[] Variables, int[] Levels);

/// <summary>What is needed to build the same columns for new data.</summary>
internal sealed record DesignRecipe(IReadOnlyList<VariableCoding> Variables, IReadOnlyList<ColumnSpec> Columns)
{
    public static DesignRecipe InterceptOnly { get; } = new([], [new ColumnSpec([], [])]);
}

/// <summary>Builds design matrices from formulas and data (see <see cref="DesignMatrix"/> for the rules).</summary>
internal static class DesignBuilder
{
    private const string Intercept = "intrcpt";

    public static DesignResult Build(ModelFormula formula, int rows, IReadOnlyList<ModeratorColumn> columns, IReadOnlyList<Issue> prior)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        var byName = IndexColumns(columns, rows);
        var issues = new List<Issue>(prior);

        // 1. Each variable's values (numeric) or labels (factor) on every input row.
        var specs = formula.VariableSpecs;
        var values = new VariableValues[specs.Count];
        var failed = false;
        for (var v = 0; v < specs.Count; v++)
        {
            var resolved = Resolve(specs[v], byName, rows, issues);
            if (resolved is null)
            {
                failed = true;
            }
            else
            {
                values[v] = resolved;
            }
        }

        if (failed)
        {
            return new DesignResult(null, issues);
        }

        // 2. Factor levels from every non-missing value (as R's factor(), before incomplete rows are dropped).
        var codings = new VariableCoding[specs.Count];
        for (var v = 0; v < specs.Count; v++)
        {
            codings[v] = new VariableCoding(specs[v], values[v].IsFactor, values[v].IsFactor ? values[v].SortedLevels() : []);
        }

        // 3. Rows with a missing value in any variable are left out, as metafor drops them.
        var used = UsableRows(values, specs, rows, issues, null);
        if (used.Count == 0)
        {
            issues.Add(new Issue(IssueCodes.NoUsableStudies, IssueSeverity.Error,
                "No study has a value for every moderator in the formula; nothing can be fitted."));
            return new DesignResult(null, issues);
        }

        // 4. Columns: the intercept, then each term's columns (factors coded by contrasts or indicators).
        var specsOut = new List<ColumnSpec>();
        var names = new List<string>();
        if (formula.HasIntercept)
        {
            specsOut.Add(new ColumnSpec([], []));
            names.Add(Intercept);
        }

        AddTermColumns(formula, codings, specsOut, names, issues);

        // 5. The matrix on the used rows.
        var k = used.Count;
        var x = new double[k * specsOut.Count];
        var levelIndex = LevelIndices(values, codings);
        for (var c = 0; c < specsOut.Count; c++)
        {
            for (var i = 0; i < k; i++)
            {
                x[(c * k) + i] = Evaluate(specsOut[c], used[i], values, levelIndex);
            }
        }

        return Finish(rows, used.ToArray(), names, specsOut, x, formula.HasIntercept, issues, formula, codings);
    }

    public static DesignResult FromColumns(IReadOnlyList<string> names, IReadOnlyList<IReadOnlyList<double>> columns, bool intercept)
    {
        if (names.Count != columns.Count)
        {
            throw new ArgumentException("There must be one name per column.", nameof(names));
        }

        if (columns.Count == 0)
        {
            throw new ArgumentException("At least one column is needed (use DesignMatrix.InterceptOnly for a model without moderators).", nameof(columns));
        }

        var rows = columns[0].Count;
        if (columns.Any(c => c.Count != rows))
        {
            throw new ArgumentException("All columns must have the same length.", nameof(columns));
        }

        if (names.Distinct(StringComparer.Ordinal).Count() != names.Count)
        {
            throw new ArgumentException("Column names must be distinct.", nameof(names));
        }

        var issues = new List<Issue>();
        var used = new List<int>();
        for (var i = 0; i < rows; i++)
        {
            var bad = Enumerable.Range(0, columns.Count).FirstOrDefault(j => !double.IsFinite(columns[j][i]), -1);
            if (bad >= 0)
            {
                issues.Add(MissingIssue(i, names[bad], names[bad], columns[bad][i]));
            }
            else
            {
                used.Add(i);
            }
        }

        if (used.Count == 0)
        {
            issues.Add(new Issue(IssueCodes.NoUsableStudies, IssueSeverity.Error, "No row has a finite value in every column."));
            return new DesignResult(null, issues);
        }

        var allNames = new List<string>();
        if (intercept)
        {
            allNames.Add(Intercept);
        }

        allNames.AddRange(names);
        var k = used.Count;
        var x = new double[k * allNames.Count];
        var offset = intercept ? 1 : 0;
        for (var i = 0; i < k; i++)
        {
            if (intercept)
            {
                x[i] = 1;
            }

            for (var j = 0; j < columns.Count; j++)
            {
                x[((j + offset) * k) + i] = columns[j][used[i]];
            }
        }

        return Finish(rows, used.ToArray(), allNames, null, x, intercept, issues, null, null);
    }

    public static DesignResult ForNewData(DesignMatrix fitted, DesignRecipe recipe, int rows, IReadOnlyList<ModeratorColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        var byName = IndexColumns(columns, rows);
        var issues = new List<Issue>();
        var codings = recipe.Variables;
        var values = new VariableValues[codings.Count];
        var failed = false;
        for (var v = 0; v < codings.Count; v++)
        {
            var resolved = Resolve(codings[v].Spec, byName, rows, issues);
            if (resolved is null)
            {
                failed = true;
            }
            else if (resolved.IsFactor != codings[v].IsFactor)
            {
                issues.Add(new Issue(resolved.IsFactor ? IssueCodes.TextAsNumber : IssueCodes.UnknownLevel, IssueSeverity.Error,
                    $"Column '{codings[v].Spec.Column}' was {(codings[v].IsFactor ? "text (a factor)" : "numeric")} in the fitted data but is {(resolved.IsFactor ? "text" : "numeric")} here.",
                    Field: codings[v].Spec.Column));
                failed = true;
            }
            else
            {
                values[v] = resolved;
            }
        }

        if (failed)
        {
            return new DesignResult(null, issues);
        }

        var used = UsableRows(values, codings.Select(c => c.Spec).ToList(), rows, issues, codings);
        if (used.Count == 0)
        {
            issues.Add(new Issue(IssueCodes.NoUsableStudies, IssueSeverity.Error, "No row of the new data can be used."));
            return new DesignResult(null, issues);
        }

        var levelIndex = LevelIndices(values, codings);
        var k = used.Count;
        var p = recipe.Columns.Count;
        var x = new double[k * p];
        for (var c = 0; c < p; c++)
        {
            for (var i = 0; i < k; i++)
            {
                x[(c * k) + i] = Evaluate(recipe.Columns[c], used[i], values, levelIndex);
            }
        }

        var design = new DesignMatrix(rows, used.ToArray(), fitted.ColumnNames.ToArray(), x, fitted.HasIntercept, fitted.DroppedColumns,
            issues, fitted.Formula, recipe);
        return new DesignResult(design, issues);
    }

    private static Dictionary<string, ModeratorColumn> IndexColumns(IReadOnlyList<ModeratorColumn> columns, int rows)
    {
        var byName = new Dictionary<string, ModeratorColumn>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            ArgumentNullException.ThrowIfNull(column);
            if (!byName.TryAdd(column.Name, column))
            {
                throw new ArgumentException($"Two columns are named '{column.Name}'.", nameof(columns));
            }

            if (column.Count != rows)
            {
                throw new ArgumentException($"Column '{column.Name}' has {column.Count} values, not {rows}.", nameof(columns));
            }
        }

        return byName;
    }

    /// <summary>The variable's values on every row, or null (with issues) if a column is unknown or text is used as a number.</summary>
    private static VariableValues? Resolve(FormulaVariable spec, Dictionary<string, ModeratorColumn> byName, int rows, List<Issue> issues)
    {
        if (spec.Kind is VariableKind.Column or VariableKind.Factor)
        {
            if (!byName.TryGetValue(spec.Column!, out var column))
            {
                issues.Add(UnknownColumn(spec.Column!, spec.Position, byName));
                return null;
            }

            if (column.IsText)
            {
                return VariableValues.TextFactor(Enumerable.Range(0, rows).Select(column.TextAt).ToArray());
            }

            var numbers = Enumerable.Range(0, rows).Select(column.Number).ToArray();
            return spec.Kind == VariableKind.Factor ? VariableValues.NumericFactor(numbers) : VariableValues.Numeric(numbers);
        }

        var ok = true;
        var inputs = new Dictionary<string, ModeratorColumn>(StringComparer.Ordinal);
        foreach (var (name, position) in spec.Expression!.Columns())
        {
            if (inputs.ContainsKey(name))
            {
                continue;
            }

            if (!byName.TryGetValue(name, out var column))
            {
                issues.Add(UnknownColumn(name, position, byName));
                ok = false;
            }
            else if (column.IsText)
            {
                issues.Add(new Issue(IssueCodes.TextAsNumber, IssueSeverity.Error, string.Create(CultureInfo.InvariantCulture,
                    $"Column '{name}' holds text, so it cannot be used in arithmetic ({spec.Label}, at position {position + 1}); use it as a factor instead: {RText.Name(name)} or factor({RText.Name(name)})."),
                    Field: name));
                ok = false;
            }
            else
            {
                inputs[name] = column;
            }
        }

        if (!ok)
        {
            return null;
        }

        var result = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            var row = i;
            result[i] = spec.Expression.Evaluate(name => inputs[name].Number(row));
        }

        return VariableValues.Numeric(result);
    }

    private static Issue UnknownColumn(string name, int position, Dictionary<string, ModeratorColumn> byName)
    {
        var near = byName.Keys.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
        var hint = near is not null
            ? $" Did you mean '{near}'? (names are case-sensitive)"
            : byName.Count == 0 ? " No moderator columns were given." : $" Columns: {string.Join(", ", byName.Keys.Order(StringComparer.Ordinal))}.";
        return new Issue(IssueCodes.UnknownColumn, IssueSeverity.Error, string.Create(CultureInfo.InvariantCulture,
            $"The formula uses the column '{name}' (at position {position + 1}), which is not in the data.{hint}"), Field: name);
    }

    private static Issue MissingIssue(int row, string label, string field, double value) =>
        new(IssueCodes.MissingModerator, IssueSeverity.Warning, double.IsNaN(value)
            ? $"Study {row + 1} has no value for {label}; it is left out of the meta-regression."
            : $"Study {row + 1} has {label} = {RText.Number(value)}; it is left out of the meta-regression.",
            row, field);

    /// <summary>Rows with every variable present (and, for new data, every factor level known); issues for the others.</summary>
    private static List<int> UsableRows(VariableValues[] values, IReadOnlyList<FormulaVariable> specs, int rows, List<Issue> issues,
        IReadOnlyList<VariableCoding>? knownLevels)
    {
        var used = new List<int>(rows);
        for (var i = 0; i < rows; i++)
        {
            Issue? problem = null;
            for (var v = 0; v < values.Length && problem is null; v++)
            {
                var spec = specs[v];
                var field = spec.Column ?? spec.Expression!.Columns().Select(c => c.Name).FirstOrDefault() ?? spec.Label;
                if (values[v].IsMissing(i))
                {
                    problem = MissingIssue(i, spec.Label, field, values[v].IsFactor ? double.NaN : values[v].Numbers![i]);
                }
                else if (knownLevels is not null && values[v].IsFactor && Array.IndexOf(knownLevels[v].Levels, values[v].Labels![i]) < 0)
                {
                    problem = new Issue(IssueCodes.UnknownLevel, IssueSeverity.Error,
                        $"Row {i + 1}: {spec.Label} = '{values[v].Labels![i]}' is not a level of the fitted data ({string.Join(", ", knownLevels[v].Levels)}); the row is left out.",
                        i, field);
                }
            }

            if (problem is null)
            {
                used.Add(i);
            }
            else
            {
                issues.Add(problem);
            }
        }

        return used;
    }

    private static int[]?[] LevelIndices(VariableValues[] values, IReadOnlyList<VariableCoding> codings)
    {
        var result = new int[]?[values.Length];
        for (var v = 0; v < values.Length; v++)
        {
            if (!codings[v].IsFactor)
            {
                continue;
            }

            var lookup = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var l = 0; l < codings[v].Levels.Length; l++)
            {
                lookup[codings[v].Levels[l]] = l;
            }

            var labels = values[v].Labels!;
            result[v] = labels.Select(s => s is not null && lookup.TryGetValue(s, out var l) ? l : -1).ToArray();
        }

        return result;
    }

    private static double Evaluate(ColumnSpec spec, int row, VariableValues[] values, int[]?[] levelIndex)
    {
        var value = 1.0;
        for (var j = 0; j < spec.Variables.Length; j++)
        {
            var v = spec.Variables[j];
            value *= spec.Levels[j] < 0 ? values[v].Numbers![row] : levelIndex[v]![row] == spec.Levels[j] ? 1 : 0;
        }

        return value;
    }

    /// <summary>
    /// Appends each term's columns. A factor is coded by contrasts (its levels but the first) when the term without it is
    /// empty or is contained in an earlier term, else by indicators (all levels); without an intercept, the first factor
    /// of the first term that has one is coded by indicators (Chambers &amp; Hastie 1992, §2.4.1, as R's model.matrix).
    /// Columns of a term run over the first variable fastest.
    /// </summary>
    private static void AddTermColumns(ModelFormula formula, VariableCoding[] codings, List<ColumnSpec> specs, List<string> names, List<Issue> issues)
    {
        var terms = formula.TermVariables;
        var contrasts = new bool[terms.Count][];
        for (var t = 0; t < terms.Count; t++)
        {
            var term = terms[t];
            contrasts[t] = new bool[term.Length];
            for (var j = 0; j < term.Length; j++)
            {
                if (!codings[term[j]].IsFactor)
                {
                    continue;
                }

                var margin = term.Where((_, m) => m != j).ToArray();
                contrasts[t][j] = margin.Length == 0 || Enumerable.Range(0, t).Any(u => margin.All(terms[u].Contains));
            }
        }

        if (!formula.HasIntercept)
        {
            var done = false;
            for (var t = 0; t < terms.Count && !done; t++)
            {
                for (var j = 0; j < terms[t].Length && !done; j++)
                {
                    if (codings[terms[t][j]].IsFactor)
                    {
                        contrasts[t][j] = false;
                        done = true;
                    }
                }
            }
        }

        var warned = new HashSet<int>();
        for (var t = 0; t < terms.Count; t++)
        {
            var term = terms[t];
            var combos = new List<(List<int> Levels, List<string> Names)> { ([], []) };
            for (var j = 0; j < term.Length; j++)
            {
                var coding = codings[term[j]];
                var pieces = new List<(int Level, string Name)>();
                if (!coding.IsFactor)
                {
                    pieces.Add((-1, coding.Spec.Label));
                }
                else
                {
                    for (var l = contrasts[t][j] ? 1 : 0; l < coding.Levels.Length; l++)
                    {
                        pieces.Add((l, coding.Spec.Label + coding.Levels[l]));
                    }

                    if (coding.Levels.Length == 1 && contrasts[t][j] && warned.Add(term[j]))
                    {
                        issues.Add(new Issue(IssueCodes.SingleLevelFactor, IssueSeverity.Warning,
                            $"{coding.Spec.Label} has only one level ('{coding.Levels[0]}'), so it cannot be contrasted; it adds no column to the model (R stops with an error here).",
                            Field: coding.Spec.Column));
                    }
                }

                var next = new List<(List<int>, List<string>)>();
                foreach (var piece in pieces)
                {
                    foreach (var (levels, pieceNames) in combos)
                    {
                        next.Add(([.. levels, piece.Level], [.. pieceNames, piece.Name]));
                    }
                }

                combos = next;
            }

            foreach (var (levels, pieceNames) in combos)
            {
                specs.Add(new ColumnSpec(term, levels.ToArray()));
                names.Add(string.Join(":", pieceNames));
            }
        }
    }

    /// <summary>Drops redundant columns, makes a column of ones the intercept when there is none, and checks what is left.</summary>
    private static DesignResult Finish(int inputRows, int[] used, List<string> names, List<ColumnSpec>? specs, double[] x,
        bool hasIntercept, List<Issue> issues, ModelFormula? formula, IReadOnlyList<VariableCoding>? codings)
    {
        var k = used.Length;
        var p = names.Count;
        if (p == 0)
        {
            issues.Add(new Issue(IssueCodes.NoCoefficients, IssueSeverity.Error,
                "The model has no coefficients (no intercept and no moderators); nothing can be fitted."));
            return new DesignResult(null, issues);
        }

        var kept = DenseAlgebra.IndependentColumns(x, k, p);
        var dropped = new List<string>();
        for (var j = 0; j < p; j++)
        {
            if (!kept.Contains(j))
            {
                dropped.Add(names[j]);
                issues.Add(new Issue(IssueCodes.RedundantModerator, IssueSeverity.Warning,
                    $"Column {names[j]} is a linear combination of the columns before it (collinear or constant over the {k} studies used); it is dropped from the model, as metafor does.",
                    Field: names[j]));
            }
        }

        // Without an intercept, a column of ones is the intercept (metafor names it intrcpt and puts it first).
        var order = kept.ToList();
        if (!hasIntercept)
        {
            var ones = order.FirstOrDefault(j => x.AsSpan(j * k, k).IndexOfAnyExcept(1.0) < 0, -1);
            if (ones >= 0)
            {
                order.Remove(ones);
                order.Insert(0, ones);
                hasIntercept = true;
            }
        }

        if (order.Count == 0)
        {
            issues.Add(new Issue(IssueCodes.NoCoefficients, IssueSeverity.Error,
                "Every column of the model is zero over the studies used; nothing can be fitted."));
            return new DesignResult(null, issues);
        }

        var values = new double[k * order.Count];
        var finalNames = new string[order.Count];
        for (var c = 0; c < order.Count; c++)
        {
            x.AsSpan(order[c] * k, k).CopyTo(values.AsSpan(c * k, k));
            finalNames[c] = c == 0 && hasIntercept ? Intercept : names[order[c]];
        }

        var recipe = specs is null || codings is null ? null : new DesignRecipe(codings, order.Select(j => specs[j]).ToList());
        var design = new DesignMatrix(inputRows, used, finalNames, values, hasIntercept, dropped, issues, formula, recipe);
        return new DesignResult(design, issues);
    }

    /// <summary>A variable's values on the input rows: numbers (non-finite = missing) or factor labels (null = missing).</summary>
    private sealed class VariableValues
    {
        private double[]? _levelValues;

        public double[]? Numbers { get; private init; }

        public string?[]? Labels { get; private init; }

        public bool IsFactor => Labels is not null;

        public static VariableValues Numeric(double[] numbers) => new() { Numbers = numbers };

        public static VariableValues TextFactor(string?[] labels) => new() { Labels = labels };

        public static VariableValues NumericFactor(double[] numbers) => new()
        {
            Numbers = numbers,
            Labels = numbers.Select(n => double.IsFinite(n) ? RText.Number(n) : null).ToArray(),
            _levelValues = numbers,
        };

        public bool IsMissing(int row) => IsFactor ? Labels![row] is null : !double.IsFinite(Numbers![row]);

        /// <summary>The distinct labels, sorted numerically for numbers and by code point for text (R's order in the C locale).</summary>
        public string[] SortedLevels()
        {
            var labels = Labels!;
            if (_levelValues is { } numbers)
            {
                return Enumerable.Range(0, labels.Length)
                    .Where(i => labels[i] is not null)
                    .Select(i => (Label: labels[i]!, Value: numbers[i]))
                    .DistinctBy(x => x.Label, StringComparer.Ordinal)
                    .OrderBy(x => x.Value)
                    .Select(x => x.Label)
                    .ToArray();
            }

            var distinct = labels.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            distinct.Sort(RText.CompareCodePoints);
            return distinct.ToArray();
        }
    }
}
