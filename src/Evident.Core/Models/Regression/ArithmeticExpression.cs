namespace Evident.Core.Models.Regression;

/// <summary>
/// An arithmetic expression inside <c>I()</c> or a function call of a formula: numbers, column names, + − * / ^,
/// parentheses and the functions in <see cref="Functions"/>. <see cref="Deparse"/> prints it as R's <c>deparse</c> does
/// (spaces around + − *, none around / and ^), which is how metafor names the coefficient.
/// </summary>
internal abstract record ArithmeticExpression(int Position)
{
    /// <summary>The functions a formula may call, by R name.</summary>
    public static readonly IReadOnlyDictionary<string, Func<double, double>> Functions = new Dictionary<string, Func<double, double>>(StringComparer.Ordinal)
    {
        ["log"] = Math.Log,
        ["log2"] = Math.Log2,
        ["log10"] = Math.Log10,
        ["exp"] = Math.Exp,
        ["sqrt"] = Math.Sqrt,
        ["abs"] = Math.Abs,
    };

    /// <summary>The expression as R deparses it.</summary>
    public abstract string Deparse();

    /// <summary>The column names the expression reads, in order of appearance.</summary>
    public abstract IEnumerable<(string Name, int Position)> Columns();

    /// <summary>Evaluates the expression for one row; <paramref name="column"/> returns a column's value in that row.</summary>
    public abstract double Evaluate(Func<string, double> column);
}

/// <summary>A numeric literal.</summary>
internal sealed record NumberLiteral(int Position, double Value) : ArithmeticExpression(Position)
{
    public override string Deparse() => RText.Number(Value);

    public override IEnumerable<(string Name, int Position)> Columns() => [];

    public override double Evaluate(Func<string, double> column) => Value;
}

/// <summary>A column of the data.</summary>
internal sealed record ColumnReference(int Position, string Name) : ArithmeticExpression(Position)
{
    public override string Deparse() => RText.Name(Name);

    public override IEnumerable<(string Name, int Position)> Columns() => [(Name, Position)];

    public override double Evaluate(Func<string, double> column) => column(Name);
}

/// <summary>Unary + or −.</summary>
internal sealed record UnaryOperation(int Position, char Operator, ArithmeticExpression Operand) : ArithmeticExpression(Position)
{
    public override string Deparse() => Operator + Operand.Deparse();

    public override IEnumerable<(string Name, int Position)> Columns() => Operand.Columns();

    public override double Evaluate(Func<string, double> column) =>
        Operator == '-' ? -Operand.Evaluate(column) : Operand.Evaluate(column);
}

/// <summary>A binary operation + − * / ^.</summary>
internal sealed record BinaryOperation(int Position, char Operator, ArithmeticExpression Left, ArithmeticExpression Right) : ArithmeticExpression(Position)
{
    public override string Deparse() => Operator is '/' or '^'
        ? Left.Deparse() + Operator + Right.Deparse()
        : Left.Deparse() + " " + Operator + " " + Right.Deparse();

    public override IEnumerable<(string Name, int Position)> Columns() => Left.Columns().Concat(Right.Columns());

    public override double Evaluate(Func<string, double> column)
    {
        var a = Left.Evaluate(column);
        var b = Right.Evaluate(column);
        return Operator switch
        {
            '+' => a + b,
            '-' => a - b,
            '*' => a * b,
            '/' => a / b,
            '^' => Math.Pow(a, b),
            _ => throw new InvalidOperationException($"Unknown operator '{Operator}'."),
        };
    }
}

/// <summary>Parentheses, kept so that the name reads as typed (R keeps them too).</summary>
internal sealed record Parenthesized(int Position, ArithmeticExpression Inner) : ArithmeticExpression(Position)
{
    public override string Deparse() => "(" + Inner.Deparse() + ")";

    public override IEnumerable<(string Name, int Position)> Columns() => Inner.Columns();

    public override double Evaluate(Func<string, double> column) => Inner.Evaluate(column);
}

/// <summary>A call of one of <see cref="ArithmeticExpression.Functions"/> with one argument.</summary>
internal sealed record FunctionCall(int Position, string Function, ArithmeticExpression Argument) : ArithmeticExpression(Position)
{
    public override string Deparse() => Function + "(" + Argument.Deparse() + ")";

    public override IEnumerable<(string Name, int Position)> Columns() => Argument.Columns();

    public override double Evaluate(Func<string, double> column) => Functions[Function](Argument.Evaluate(column));
}
