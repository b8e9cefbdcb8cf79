namespace Evident.Core.Models.Regression;

/// <summary>
/// A moderator formula as a user types it on the command line, in R's syntax (metafor's <c>mods = ~ …</c>):
/// <c>x</c>, <c>x + z</c>, <c>factor(g)</c>, <c>x:z</c>, <c>x*z</c>, <c>(x + z)^2</c>, <c>x/z</c>, <c>x*z - x:z</c>,
/// <c>I(x - 3)</c>, <c>I(x^2)</c>, <c>I(x*7/1000)</c>, <c>log(x)</c> (also <c>log2 log10 exp sqrt abs</c>), no intercept with
/// <c>0 + …</c> or <c>… - 1</c>; the leading <c>~</c> is optional. Column names may hold letters, digits, dots and
/// underscores (R's syntactic names); any other name goes in backquotes: <c>`dose (mg)`</c>.
/// </summary>
/// <remarks>
/// Terms are ordered as R orders them: main effects first, then two-way interactions and so on, each group in order of
/// appearance; the variables inside a term in order of their first appearance in the formula (so <c>~ g + x:g</c>
/// names its interaction <c>g…:x</c>). Chambers &amp; Hastie (1992), <i>Statistical Models in S</i>, ch. 2.
/// </remarks>
public sealed class ModelFormula
{
    internal ModelFormula(string text, bool hasIntercept, IReadOnlyList<FormulaVariable> variables, IReadOnlyList<int[]> terms)
    {
        Text = text;
        HasIntercept = hasIntercept;
        VariableSpecs = variables;
        TermVariables = terms;
        Variables = variables.Select(v => v.Label).ToList();
        Terms = terms.Select(t => string.Join(":", t.Select(i => variables[i].Label))).ToList();
        Columns = variables
            .SelectMany(v => v.Expression is { } e ? e.Columns().Select(c => c.Name) : v.Column is { } c ? [c] : [])
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The data columns the formula reads (<c>g</c> for <c>factor(g)</c>, <c>x</c> for <c>I(x - 3)</c>), in order of first appearance.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The formula as given.</summary>
    public string Text { get; }

    /// <summary>Whether the model has an intercept (unless removed with <c>0 +</c> or <c>- 1</c>).</summary>
    public bool HasIntercept { get; }

    /// <summary>The variables, as R deparses them (<c>x</c>, <c>factor(g)</c>, <c>I(x - 3)</c>), in order of first appearance.</summary>
    public IReadOnlyList<string> Variables { get; }

    /// <summary>The terms in R's order, as labels (<c>x</c>, <c>factor(g)</c>, <c>x:z</c>).</summary>
    public IReadOnlyList<string> Terms { get; }

    internal IReadOnlyList<FormulaVariable> VariableSpecs { get; }

    internal IReadOnlyList<int[]> TermVariables { get; }

    /// <summary>
    /// Parses a formula. A syntax error is a <c>formula-syntax</c> issue naming the position (1-based character), never
    /// an exception; <c>x^2</c> without <c>I()</c> parses as in R (it is just <c>x</c>) with a <c>formula-power</c> warning.
    /// </summary>
    public static FormulaParseResult Parse(string text) => FormulaParser.Parse(text);

    /// <summary>The formula in R's canonical form, e.g. <c>~ x + z + x:z</c> or <c>~ 0 + g</c>.</summary>
    public override string ToString()
    {
        if (Terms.Count == 0)
        {
            return HasIntercept ? "~ 1" : "~ 0";
        }

        return (HasIntercept ? "~ " : "~ 0 + ") + string.Join(" + ", Terms);
    }
}

/// <summary>The outcome of <see cref="ModelFormula.Parse"/>.</summary>
/// <param name="Formula">The parsed formula, or null when it is invalid.</param>
/// <param name="Issues">The syntax error (an error), or warnings about a valid formula.</param>
public sealed record FormulaParseResult(ModelFormula? Formula, IReadOnlyList<Issue> Issues)
{
    /// <summary>Whether the formula could be parsed.</summary>
    public bool Success => Formula is not null;
}
