using System.Globalization;

namespace Evident.Core.Models.Regression;

/// <summary>What a formula variable is: a column (numeric, or a factor when it holds text), <c>factor(column)</c>, or an arithmetic expression.</summary>
internal enum VariableKind
{
    Column,
    Factor,
    Expression,
}

/// <summary>
/// One variable of a formula (R's sense: each distinct expression is a variable), identified by its deparsed
/// <see cref="Label"/>, which is also the prefix of its coefficient names.
/// </summary>
internal sealed record FormulaVariable(string Label, VariableKind Kind, int Position, string? Column, ArithmeticExpression? Expression);

/// <summary>
/// Recursive-descent parser for R model formulas (Chambers &amp; Hastie 1992, <i>Statistical Models in S</i>, ch. 2;
/// Wilkinson &amp; Rogers 1973): <c>+</c> adds terms, <c>-</c> removes them, <c>:</c> forms interactions, <c>a*b</c> is
/// <c>a + b + a:b</c>, <c>a/b</c> is <c>a + a:b</c>, <c>(…)^n</c> crosses a sum with itself n times, <c>0</c>/<c>1</c>
/// remove/add the intercept. Precedence as in R: <c>^</c> over <c>:</c> over <c>* /</c> over <c>+ -</c>.
/// </summary>
internal sealed class FormulaParser
{
    private readonly string _text;
    private readonly List<Token> _tokens;
    private readonly List<FormulaVariable> _variables = [];
    private readonly Dictionary<string, int> _byLabel = new(StringComparer.Ordinal);
    private readonly List<Issue> _warnings = [];
    private int _index;

    private FormulaParser(string text, List<Token> tokens)
    {
        _text = text;
        _tokens = tokens;
    }

    /// <summary>Parses <paramref name="text"/>; a syntax error is returned as a <c>formula-syntax</c> issue.</summary>
    public static FormulaParseResult Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (tokens, errorPosition, error) = FormulaTokenizer.Tokenize(text);
        if (tokens is null)
        {
            return Failure(text, errorPosition, error!);
        }

        var parser = new FormulaParser(text, tokens);
        try
        {
            var set = parser.ParseFormula();
            var terms = set.Terms
                .Select((t, i) => (Term: t, Order: i))
                .OrderBy(x => x.Term.Length)
                .ThenBy(x => x.Order)
                .Select(x => x.Term)
                .ToList();
            var formula = new ModelFormula(text, set.Intercept ?? true, parser._variables, terms);
            return new FormulaParseResult(formula, parser._warnings);
        }
        catch (FormulaSyntaxException e)
        {
            return Failure(text, e.Position, e.Message);
        }
    }

    private static FormulaParseResult Failure(string text, int position, string message) =>
        new(null, [new Issue(IssueCodes.FormulaSyntax, IssueSeverity.Error, string.Create(CultureInfo.InvariantCulture,
            $"Invalid formula '{text}': {message} (at position {position + 1})."))]);

    private Token Peek => _tokens[_index];

    private Token Next() => _tokens[_index++];

    private Token Expect(TokenKind kind, string what)
    {
        if (Peek.Kind != kind)
        {
            throw Peek.Kind == TokenKind.Comma
                ? new FormulaSyntaxException(Peek.Position, "unexpected ',' (the functions of a formula take one argument)")
                : Unexpected(what);
        }

        return Next();
    }

    private FormulaSyntaxException Unexpected(string expected)
    {
        var t = Peek;
        var found = t.Kind == TokenKind.End ? "the end of the formula" : $"'{t.Text}'";
        return new FormulaSyntaxException(t.Position, $"expected {expected} but found {found}");
    }

    private TermSet ParseFormula()
    {
        if (Peek.Kind == TokenKind.Tilde)
        {
            Next();
        }

        if (Peek.Kind == TokenKind.End)
        {
            throw new FormulaSyntaxException(Peek.Position, "the formula is empty (write ~ 1 for a model without moderators)");
        }

        var set = ParseSum();
        if (Peek.Kind == TokenKind.Tilde)
        {
            throw new FormulaSyntaxException(Peek.Position, "a formula for moderators has no left-hand side; write only the right-hand side, e.g. ~ x + z");
        }

        if (Peek.Kind != TokenKind.End)
        {
            throw Unexpected("+, -, *, /, : or the end of the formula");
        }

        return set;
    }

    private TermSet ParseSum()
    {
        TermSet acc;
        if (Peek.Kind is TokenKind.Minus or TokenKind.Plus)
        {
            var minus = Next().Kind == TokenKind.Minus;
            var operand = ParseProduct();
            acc = minus ? TermSet.Empty.Subtract(operand) : operand;
        }
        else
        {
            acc = ParseProduct();
        }

        while (Peek.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var minus = Next().Kind == TokenKind.Minus;
            var right = ParseProduct();
            acc = minus ? acc.Subtract(right) : acc.Add(right);
        }

        return acc;
    }

    private TermSet ParseProduct()
    {
        var acc = ParseColon();
        while (Peek.Kind is TokenKind.Star or TokenKind.Slash)
        {
            var op = Next();
            var right = ParseColon();
            RequireTerms(acc, op);
            RequireTerms(right, op);
            acc = op.Kind == TokenKind.Star ? acc.Add(right).Add(acc.Cross(right)) : acc.Add(acc.Nest(right));
        }

        return acc;
    }

    private TermSet ParseColon()
    {
        var acc = ParsePower();
        while (Peek.Kind == TokenKind.Colon)
        {
            var op = Next();
            var right = ParsePower();
            RequireTerms(acc, op);
            RequireTerms(right, op);
            acc = acc.Cross(right);
        }

        return acc;
    }

    private TermSet ParsePower()
    {
        var start = Peek.Position;
        var baseSet = ParsePrimary();
        if (Peek.Kind != TokenKind.Caret)
        {
            return baseSet;
        }

        var op = Next();
        RequireTerms(baseSet, op);
        var exponentToken = Expect(TokenKind.Number, "a whole number after ^");
        var n = exponentToken.Value;
        if (n < 1 || n != Math.Floor(n) || n > 100)
        {
            throw new FormulaSyntaxException(exponentToken.Position, "the power of a formula term must be a whole number ≥ 1");
        }

        if (n > 1 && baseSet.Terms.Count == 1 && baseSet.Terms[0].Length == 1)
        {
            var label = _variables[baseSet.Terms[0][0]].Label;
            _warnings.Add(new Issue(IssueCodes.FormulaPower, IssueSeverity.Warning, string.Create(CultureInfo.InvariantCulture,
                $"In a formula, {label}^{RText.Number(n)} crosses {label} with itself, which is just {label} (as in R); write I({label}^{RText.Number(n)}) for the power (at position {start + 1}).")));
        }

        var result = baseSet;
        for (var i = 1; i < n; i++)
        {
            result = result.Add(baseSet).Add(result.Cross(baseSet));
        }

        return result;
    }

    private static void RequireTerms(TermSet set, Token op)
    {
        if (set.IsInterceptLiteral)
        {
            throw new FormulaSyntaxException(op.Position, $"0 and 1 (the intercept) can only be added or removed, not used with '{op.Text}'");
        }
    }

    private TermSet ParsePrimary()
    {
        var t = Peek;
        switch (t.Kind)
        {
            case TokenKind.LeftParen:
                {
                    Next();
                    var inner = ParseSum();
                    Expect(TokenKind.RightParen, "')'");
                    return inner;
                }

            case TokenKind.Number:
                Next();
                if (t.Value is 0 or 1)
                {
                    return TermSet.InterceptLiteral(t.Value == 1);
                }

                throw new FormulaSyntaxException(t.Position,
                    $"a number ({t.Text}) cannot be a term; use I() for arithmetic, e.g. I(x * {t.Text})");

            case TokenKind.Name:
                {
                    Next();
                    if (Peek.Kind != TokenKind.LeftParen)
                    {
                        return TermSet.Single(Register(RText.Name(t.Text), VariableKind.Column, t.Position, t.Text, null));
                    }

                    return ParseCall(t);
                }

            default:
                throw Unexpected("a column name, factor(), I() or a function");
        }
    }

    private TermSet ParseCall(Token function)
    {
        Next(); // (
        var name = function.Text;
        if (name is "factor" or "as.factor")
        {
            var column = Expect(TokenKind.Name, $"a column name inside {name}()");
            Expect(TokenKind.RightParen, $"')' closing {name}() (it takes one column)");
            return TermSet.Single(Register(name + "(" + RText.Name(column.Text) + ")", VariableKind.Factor, function.Position, column.Text, null));
        }

        if (name == "I" || ArithmeticExpression.Functions.ContainsKey(name))
        {
            var argument = ParseArithmeticSum();
            Expect(TokenKind.RightParen, $"')' closing {name}()");
            var expression = name == "I" ? argument : new FunctionCall(function.Position, name, argument);
            var label = name == "I" ? "I(" + argument.Deparse() + ")" : expression.Deparse();
            return TermSet.Single(Register(label, VariableKind.Expression, function.Position, null, expression));
        }

        throw new FormulaSyntaxException(function.Position,
            $"the function {name}() is not supported; use factor(), I() or one of {string.Join(", ", ArithmeticExpression.Functions.Keys.Select(k => k + "()"))}");
    }

    private ArithmeticExpression ParseArithmeticSum()
    {
        var left = ParseArithmeticProduct();
        while (Peek.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var op = Next();
            var right = ParseArithmeticProduct();
            left = new BinaryOperation(op.Position, op.Text[0], left, right);
        }

        return left;
    }

    private ArithmeticExpression ParseArithmeticProduct()
    {
        var left = ParseArithmeticUnary();
        while (Peek.Kind is TokenKind.Star or TokenKind.Slash)
        {
            var op = Next();
            var right = ParseArithmeticUnary();
            left = new BinaryOperation(op.Position, op.Text[0], left, right);
        }

        return left;
    }

    private ArithmeticExpression ParseArithmeticUnary()
    {
        if (Peek.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var op = Next();
            return new UnaryOperation(op.Position, op.Text[0], ParseArithmeticUnary());
        }

        return ParseArithmeticPower();
    }

    private ArithmeticExpression ParseArithmeticPower()
    {
        var left = ParseArithmeticPrimary();
        if (Peek.Kind != TokenKind.Caret)
        {
            return left;
        }

        var op = Next();
        return new BinaryOperation(op.Position, '^', left, ParseArithmeticUnary());
    }

    private ArithmeticExpression ParseArithmeticPrimary()
    {
        var t = Peek;
        switch (t.Kind)
        {
            case TokenKind.Number:
                Next();
                return new NumberLiteral(t.Position, t.Value);
            case TokenKind.LeftParen:
                {
                    Next();
                    var inner = ParseArithmeticSum();
                    Expect(TokenKind.RightParen, "')'");
                    return new Parenthesized(t.Position, inner);
                }

            case TokenKind.Name:
                Next();
                if (Peek.Kind != TokenKind.LeftParen)
                {
                    return new ColumnReference(t.Position, t.Text);
                }

                if (!ArithmeticExpression.Functions.ContainsKey(t.Text))
                {
                    throw new FormulaSyntaxException(t.Position,
                        $"the function {t.Text}() is not supported inside an expression; use one of {string.Join(", ", ArithmeticExpression.Functions.Keys.Select(k => k + "()"))}");
                }

                Next();
                var argument = ParseArithmeticSum();
                Expect(TokenKind.RightParen, $"')' closing {t.Text}()");
                return new FunctionCall(t.Position, t.Text, argument);
            case TokenKind.Colon:
                throw new FormulaSyntaxException(t.Position, "':' is not an arithmetic operator inside I()");
            default:
                throw Unexpected("a number, a column name or '('");
        }
    }

    private int Register(string label, VariableKind kind, int position, string? column, ArithmeticExpression? expression)
    {
        if (_byLabel.TryGetValue(label, out var index))
        {
            return index;
        }

        index = _variables.Count;
        _variables.Add(new FormulaVariable(label, kind, position, column, expression));
        _byLabel[label] = index;
        return index;
    }

    /// <summary>A syntax error with its 0-based position; caught by <see cref="Parse"/> and turned into an issue.</summary>
    private sealed class FormulaSyntaxException(int position, string message) : Exception(message)
    {
        public int Position { get; } = position;
    }
}

/// <summary>
/// The value of a formula sub-expression: an ordered list of terms (each the sorted indices of its variables) and
/// what it says about the intercept (null: nothing).
/// </summary>
internal sealed class TermSet
{
    private TermSet(List<int[]> terms, bool? intercept, bool isInterceptLiteral)
    {
        Terms = terms;
        Intercept = intercept;
        IsInterceptLiteral = isInterceptLiteral;
    }

    public static TermSet Empty { get; } = new([], null, false);

    public List<int[]> Terms { get; }

    public bool? Intercept { get; }

    public bool IsInterceptLiteral { get; }

    public static TermSet Single(int variable) => new([[variable]], null, false);

    public static TermSet InterceptLiteral(bool present) => new([], present, true);

    /// <summary><c>this + other</c>: the terms of both (first occurrence kept); the later intercept statement wins.</summary>
    public TermSet Add(TermSet other)
    {
        var terms = new List<int[]>(Terms);
        foreach (var t in other.Terms)
        {
            if (!terms.Any(u => u.AsSpan().SequenceEqual(t)))
            {
                terms.Add(t);
            }
        }

        return new TermSet(terms, other.Intercept ?? Intercept, false);
    }

    /// <summary><c>this - other</c>: drops the other's terms; removing 1 drops the intercept, removing 0 restores it.</summary>
    public TermSet Subtract(TermSet other)
    {
        var terms = Terms.Where(t => !other.Terms.Any(u => u.AsSpan().SequenceEqual(t))).ToList();
        var intercept = other.Intercept switch
        {
            true => false,
            false => true,
            null => Intercept,
        };
        return new TermSet(terms, intercept, false);
    }

    /// <summary><c>this : other</c>: every term of this with every term of other (variables united).</summary>
    public TermSet Cross(TermSet other)
    {
        var result = Empty;
        foreach (var a in Terms)
        {
            foreach (var b in other.Terms)
            {
                result = result.Add(new TermSet([a.Union(b).Order().ToArray()], null, false));
            }
        }

        return new TermSet(result.Terms, null, false);
    }

    /// <summary>The nested part of <c>this / other</c>: every term of other with all variables of this.</summary>
    public TermSet Nest(TermSet other)
    {
        var all = Terms.SelectMany(t => t).Distinct().ToArray();
        var result = Empty;
        foreach (var b in other.Terms)
        {
            result = result.Add(new TermSet([all.Union(b).Order().ToArray()], null, false));
        }

        return new TermSet(result.Terms, null, false);
    }
}
