using System;
using Pix.Model;

namespace Pix.Extraction.Symbolic;

/// <summary>
/// An indivisible factor of a <see cref="Poly"/> monomial: a quantity, a loop variable, or a
/// non-polynomial function of a polynomial (<c>max(0, n - i)</c>, <c>log2(n)</c>, <c>ceil(n / 4)</c>).
/// Atoms compare by <see cref="Key"/>, a canonical string, so that equal formulas are equal.
/// </summary>
internal abstract class Atom : IEquatable<Atom>
{
    /// <summary>Canonical identity and sort key.</summary>
    public abstract string Key { get; }

    /// <summary>The atom as a model expression (loop variables never reach the model).</summary>
    public abstract Expr ToExpr();

    /// <summary>The value of the atom when each leaf atom has the value <paramref name="leaf"/> gives.</summary>
    public abstract double Evaluate(Func<Atom, double> leaf);

    /// <summary>Replaces leaf atoms by polynomials (<paramref name="map"/> returns null to keep one).</summary>
    public abstract Poly Substitute(Func<Atom, Poly?> map);

    /// <summary>True when this atom, or an atom inside it, satisfies <paramref name="predicate"/>.</summary>
    public virtual bool Contains(Func<Atom, bool> predicate) => predicate(this);

    public bool Equals(Atom? other) => other is not null && other.Key == Key;

    public override bool Equals(object? obj) => obj is Atom other && Equals(other);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Key);

    public override string ToString() => Key;
}

/// <summary>A quantity of the method being analysed (an input or a PCV), by name.</summary>
internal sealed class QuantityAtom : Atom
{
    public QuantityAtom(string name, bool isNonNegative)
    {
        Name = name;
        IsNonNegative = isNonNegative;
    }

    private string? _key;

    public string Name { get; }

    /// <summary>True for sizes, flags and PCVs, which are never negative (a parameter's value may be).</summary>
    public bool IsNonNegative { get; }

    // Asked for at every comparison of monomials: built once, not per call.
    public override string Key => _key ??= "q:" + Name;

    public override Expr ToExpr() => Expr.Symbol(Name);

    public override double Evaluate(Func<Atom, double> leaf) => leaf(this);

    public override Poly Substitute(Func<Atom, Poly?> map) => map(this) ?? Poly.Of(this);
}

/// <summary>
/// The induction variable of a loop being analysed: it only lives while its loop is closed
/// (summed over) and never reaches the model.
/// </summary>
internal sealed class LoopVariableAtom : Atom
{
    public LoopVariableAtom(int id, string name, Poly first, Poly last)
    {
        Id = id;
        Name = name;
        First = first;
        Last = last;
    }

    private string? _key;

    public int Id { get; }

    public string Name { get; }

    /// <summary>The value in the first iteration, over outer atoms.</summary>
    public Poly First { get; }

    /// <summary>The value in the last iteration (approximately, for steps other than ±1), over outer atoms.</summary>
    public Poly Last { get; }

    public override string Key => _key ??= "v" + Id.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + Name;

    public override Expr ToExpr() => Expr.Symbol(Name);

    public override double Evaluate(Func<Atom, double> leaf) => leaf(this);

    public override Poly Substitute(Func<Atom, Poly?> map) => map(this) ?? Poly.Of(this);
}

/// <summary>The functions a trip count may need beyond polynomials.</summary>
internal enum AtomFunction
{
    /// <summary><c>max(0, x)</c>.</summary>
    NonNegative,
    /// <summary><c>⌊log2(x)⌋ + 1</c> for x ≥ 1, else 0 (<see cref="Expr.Log2(Expr)"/>).</summary>
    Log2,
    /// <summary><c>⌈x / d⌉</c>.</summary>
    CeilingDivide,
    /// <summary><c>⌊x / d⌋</c>.</summary>
    FloorDivide,
}

/// <summary>A function of a polynomial, kept as one factor.</summary>
internal sealed class FunctionAtom : Atom
{
    private FunctionAtom(AtomFunction function, Poly argument, double divisor)
    {
        Function = function;
        Argument = argument;
        Divisor = divisor;
        Key = function switch
        {
            AtomFunction.CeilingDivide or AtomFunction.FloorDivide =>
                $"{function}({argument.Key}/{Expr.Const(divisor)})",
            _ => $"{function}({argument.Key})",
        };
    }

    public AtomFunction Function { get; }

    public Poly Argument { get; }

    public double Divisor { get; }

    public override string Key { get; }

    /// <summary>The function applied to <paramref name="argument"/>, folded when it is constant or trivially so.</summary>
    public static Poly Apply(AtomFunction function, Poly argument, double divisor = 1)
    {
        if (argument.IsConstant(out double value))
        {
            return Poly.Const(Compute(function, value, divisor));
        }

        if ((function is AtomFunction.CeilingDivide or AtomFunction.FloorDivide) && divisor == 1)
        {
            return argument;
        }

        if (function == AtomFunction.NonNegative && argument.IsKnownNonNegative)
        {
            return argument;
        }

        return Poly.Of(new FunctionAtom(function, argument, divisor));
    }

    public override Expr ToExpr() => Function switch
    {
        AtomFunction.NonNegative => Expr.NonNegative(Argument.ToExpr()),
        AtomFunction.Log2 => Expr.Log2(Argument.ToExpr()),
        AtomFunction.CeilingDivide => Expr.Divide(Argument.ToExpr(), Expr.Const(Divisor), ceiling: true),
        _ => Expr.Divide(Argument.ToExpr(), Expr.Const(Divisor), ceiling: false),
    };

    public override double Evaluate(Func<Atom, double> leaf) => Compute(Function, Argument.Evaluate(leaf), Divisor);

    public override Poly Substitute(Func<Atom, Poly?> map) => Apply(Function, Argument.Substitute(map), Divisor);

    public override bool Contains(Func<Atom, bool> predicate) => predicate(this) || Argument.ContainsAtom(predicate);

    /// <summary>True when the value can never be negative, whatever the argument.</summary>
    public bool IsNonNegative => Function is AtomFunction.NonNegative or AtomFunction.Log2
        || Argument.IsKnownNonNegative;

    private static double Compute(AtomFunction function, double x, double divisor) => function switch
    {
        AtomFunction.NonNegative => Math.Max(0, x),
        AtomFunction.Log2 => Expr.Log2Value(x),
        // Same rule as ModelEvaluator.Divide, so the folded constant equals the evaluated expression.
        AtomFunction.CeilingDivide => divisor == 0 ? 0 : Math.Ceiling(x / divisor),
        _ => divisor == 0 ? 0 : Math.Floor(x / divisor),
    };
}
