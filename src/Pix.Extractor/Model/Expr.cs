using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Pix.Model;

/// <summary>
/// A symbolic, non-negative-valued arithmetic expression over the interface's quantities: trip
/// counts, term multipliers, guard operands and PCV bounds. A closed set of node kinds, so every
/// back end (C# emitter, evaluator, SMT-LIB writer, JSON) handles all of them.
/// </summary>
/// <remarks>
/// Build expressions with the factory methods (<see cref="Const"/>, <see cref="Add(Expr[])"/>,
/// <see cref="Multiply(Expr[])"/>…): they fold constants and flatten sums and products so that equal
/// formulas compare equal, which the incremental generator's caching and the regression checker's
/// "did the interface change" question both rely on.
/// </remarks>
public abstract record Expr
{
    private protected Expr()
    {
    }

    /// <summary>The constant 0.</summary>
    public static Expr Zero { get; } = new ConstExpr(0);

    /// <summary>The constant 1.</summary>
    public static Expr One { get; } = new ConstExpr(1);

    /// <summary>A constant.</summary>
    public static Expr Const(double value) => value == 0 ? Zero : value == 1 ? One : new ConstExpr(value);

    /// <summary>A reference to the quantity named <paramref name="name"/>.</summary>
    public static Expr Symbol(string name) => new SymbolExpr(name);

    /// <summary>The sum of <paramref name="terms"/>, flattened, constants folded.</summary>
    public static Expr Add(params Expr[] terms)
    {
        // One term that is neither a sum nor a constant is the sum itself (what the fold below returns), made without a list.
        if (terms.Length == 1 && terms[0] is not (SumExpr or ConstExpr))
        {
            return terms[0];
        }

        // Over the array, not through IEnumerable: its enumerator was an allocation per sum (docs/robustness.md, `alloc28`).
        var flat = new List<Expr>(terms.Length);
        double constant = 0;
        foreach (Expr term in terms)
        {
            AddTerm(term, flat, ref constant);
        }

        return SumOf(flat, constant);
    }

    /// <summary>The sum of <paramref name="terms"/>, flattened, constants folded.</summary>
    public static Expr Add(IEnumerable<Expr> terms)
    {
        if (terms is Expr[] array)
        {
            return Add(array);
        }

        var flat = new List<Expr>();
        double constant = 0;
        foreach (Expr term in terms)
        {
            AddTerm(term, flat, ref constant);
        }

        return SumOf(flat, constant);
    }

    /// <summary><paramref name="left"/> − <paramref name="right"/>.</summary>
    public static Expr Subtract(Expr left, Expr right) => Add(left, Multiply(Const(-1), right));

    /// <summary>The product of <paramref name="factors"/>, flattened, constants folded.</summary>
    public static Expr Multiply(params Expr[] factors)
    {
        // One factor that is neither a product nor a constant is the product itself (what the fold below returns).
        if (factors.Length == 1 && factors[0] is not (ProductExpr or ConstExpr))
        {
            return factors[0];
        }

        var flat = new List<Expr>(factors.Length);
        double constant = 1;
        foreach (Expr factor in factors)
        {
            MultiplyTerm(factor, flat, ref constant);
        }

        return ProductOf(flat, constant);
    }

    /// <summary>The product of <paramref name="factors"/>, flattened, constants folded.</summary>
    public static Expr Multiply(IEnumerable<Expr> factors)
    {
        if (factors is Expr[] array)
        {
            return Multiply(array);
        }

        var flat = new List<Expr>();
        double constant = 1;
        foreach (Expr factor in factors)
        {
            MultiplyTerm(factor, flat, ref constant);
        }

        return ProductOf(flat, constant);
    }

    // A term that is not a sum is its own only summand (no one-item array made for it: every count and price is built here).
    private static void AddTerm(Expr term, List<Expr> flat, ref double constant)
    {
        if (term is not SumExpr s)
        {
            AddSummand(term, flat, ref constant);
            return;
        }

        foreach (Expr t in s.Terms)
        {
            AddSummand(t, flat, ref constant);
        }
    }

    private static Expr SumOf(List<Expr> flat, double constant)
    {
        if (constant != 0)
        {
            flat.Add(new ConstExpr(constant));
        }

        return flat.Count switch
        {
            0 => Zero,
            1 => flat[0],
            _ => new SumExpr(flat.ToEquatableArray()),
        };
    }

    // A factor that is not a product is its own only factor (as in AddTerm).
    private static void MultiplyTerm(Expr factor, List<Expr> flat, ref double constant)
    {
        if (factor is not ProductExpr p)
        {
            MultiplyFactor(factor, flat, ref constant);
            return;
        }

        foreach (Expr f in p.Factors)
        {
            MultiplyFactor(f, flat, ref constant);
        }
    }

    private static Expr ProductOf(List<Expr> flat, double constant)
    {
        if (constant == 0)
        {
            return Zero;
        }

        if (constant != 1)
        {
            flat.Insert(0, new ConstExpr(constant));
        }

        return flat.Count switch
        {
            0 => Const(constant),
            1 => flat[0],
            _ => new ProductExpr(flat.ToEquatableArray()),
        };
    }

    private static void AddSummand(Expr term, List<Expr> flat, ref double constant)
    {
        if (term is ConstExpr c)
        {
            constant += c.Value;
        }
        else
        {
            flat.Add(term);
        }
    }

    private static void MultiplyFactor(Expr factor, List<Expr> flat, ref double constant)
    {
        if (factor is ConstExpr c)
        {
            constant *= c.Value;
        }
        else
        {
            flat.Add(factor);
        }
    }

    /// <summary>The larger of two expressions (constants folded).</summary>
    public static Expr Max(Expr left, Expr right) =>
        left is ConstExpr a && right is ConstExpr b ? Const(Math.Max(a.Value, b.Value))
        : left.Equals(right) ? left
        : new MaxExpr(left, right);

    /// <summary>The smaller of two expressions (constants folded).</summary>
    public static Expr Min(Expr left, Expr right) =>
        left is ConstExpr a && right is ConstExpr b ? Const(Math.Min(a.Value, b.Value))
        : left.Equals(right) ? left
        : new MinExpr(left, right);

    /// <summary><c>max(0, x)</c>: trip counts and sizes are never negative.</summary>
    public static Expr NonNegative(Expr x) => x is ConstExpr c ? Const(Math.Max(0, c.Value)) : Max(Zero, x);

    /// <summary>Integer division, rounded up (<paramref name="ceiling"/>) or down.</summary>
    public static Expr Divide(Expr numerator, Expr denominator, bool ceiling) =>
        denominator is ConstExpr { Value: 1 } ? numerator
        : numerator is ConstExpr n && denominator is ConstExpr d && d.Value != 0
            ? Const(ceiling ? Math.Ceiling(n.Value / d.Value) : Math.Floor(n.Value / d.Value))
        : new DivideExpr(numerator, denominator, ceiling);

    /// <summary>
    /// The number of halvings that take <paramref name="x"/> to 1: <c>⌊log2(max(x, 1))⌋ + 1</c> for
    /// x ≥ 1 and 0 for x &lt; 1 (the iteration count of a binary search over x items).
    /// </summary>
    public static Expr Log2(Expr x) =>
        x is ConstExpr c ? Const(Log2Value(c.Value)) : new Log2Expr(x);

    /// <summary>The value of <see cref="Log2(Expr)"/> for a number.</summary>
    public static double Log2Value(double x) => x < 1 ? 0 : Math.Floor(Math.Log(x, 2) + 1e-9) + 1;

    /// <summary>The quantities this expression reads, sorted ordinally.</summary>
    public IReadOnlyList<string> Symbols()
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        Collect(this, names);
        return names.ToArray();
    }

    /// <summary>The direct sub-expressions; <paramref name="symbol"/> is the name for a symbol node.</summary>
    public abstract IEnumerable<Expr> Children(out string? symbol);

    /// <summary>Replaces symbols by expressions (used to substitute a callee's parameters by arguments).</summary>
    public abstract Expr Substitute(Func<string, Expr?> replacement);

    /// <summary>A compact, C#-like display form (<c>n * (n - 1) / 2</c>), stable across runs.</summary>
    public abstract override string ToString();

    /// <summary>Adds the symbol names the expression reads to <paramref name="names"/> (no sorted copy, for set unions).</summary>
    internal void AddSymbolsTo(ISet<string> names) => Collect(this, names);

    private static void Collect(Expr e, ISet<string> names)
    {
        // A switch on the node kinds, not Children(): that allocated an enumerator per node (boxed, over the terms'
        // array) and an array per binary node, one of the extraction's most allocated objects (docs/robustness.md,
        // twenty-second session). The children are pushed in Children()'s order, so the names are added in the same
        // order (a HashSet's order of enumeration is the order of insertion). A leaf, the commonest argument, needs no stack.
        switch (e)
        {
            case ConstExpr:
                return;
            case SymbolExpr leaf:
                names.Add(leaf.Name);
                return;
        }

        var stack = new Stack<Expr>();
        stack.Push(e);
        while (stack.Count > 0)
        {
            Expr current = stack.Pop();
            switch (current)
            {
                case ConstExpr:
                    break;
                case SymbolExpr symbol:
                    names.Add(symbol.Name);
                    break;
                case SumExpr sum:
                    PushAll(stack, sum.Terms);
                    break;
                case ProductExpr product:
                    PushAll(stack, product.Factors);
                    break;
                case MaxExpr max:
                    stack.Push(max.Left);
                    stack.Push(max.Right);
                    break;
                case MinExpr min:
                    stack.Push(min.Left);
                    stack.Push(min.Right);
                    break;
                case DivideExpr divide:
                    stack.Push(divide.Numerator);
                    stack.Push(divide.Denominator);
                    break;
                case Log2Expr log:
                    stack.Push(log.Argument);
                    break;
                default:
                    IEnumerable<Expr> children = current.Children(out string? name);
                    foreach (Expr child in children)
                    {
                        stack.Push(child);
                    }

                    if (name is not null)
                    {
                        names.Add(name);
                    }

                    break;
            }
        }
    }

    private static void PushAll(Stack<Expr> stack, EquatableArray<Expr> children)
    {
        for (int i = 0; i < children.Count; i++)
        {
            stack.Push(children[i]);
        }
    }

    internal static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>A constant.</summary>
public sealed record ConstExpr(double Value) : Expr
{
    /// <inheritdoc/>
    public override IEnumerable<Expr> Children(out string? symbol) { symbol = null; return Array.Empty<Expr>(); }

    /// <inheritdoc/>
    public override Expr Substitute(Func<string, Expr?> replacement) => this;

    /// <inheritdoc/>
    public override string ToString() => Format(Value);
}

/// <summary>A quantity of the interface, by name (see <see cref="Quantity.Name"/>).</summary>
public sealed record SymbolExpr(string Name) : Expr
{
    /// <inheritdoc/>
    public override IEnumerable<Expr> Children(out string? symbol) { symbol = Name; return Array.Empty<Expr>(); }

    /// <inheritdoc/>
    public override Expr Substitute(Func<string, Expr?> replacement) => replacement(Name) ?? this;

    /// <inheritdoc/>
    public override string ToString() => Name;
}

/// <summary>A sum (at least two terms; at most one constant, last).</summary>
public sealed record SumExpr(EquatableArray<Expr> Terms) : Expr
{
    /// <inheritdoc/>
    public override IEnumerable<Expr> Children(out string? symbol) { symbol = null; return Terms; }

    /// <inheritdoc/>
    public override Expr Substitute(Func<string, Expr?> replacement) => Add(Terms.Select(t => t.Substitute(replacement)));

    /// <inheritdoc/>
    public override string ToString()
    {
        var text = new System.Text.StringBuilder();
        for (int i = 0; i < Terms.Count; i++)
        {
            Expr term = Terms[i];
            bool negative = term is ConstExpr { Value: < 0 } || term is ProductExpr p && p.Factors[0] is ConstExpr { Value: < 0 };
            if (i > 0)
            {
                text.Append(negative ? " - " : " + ");
                text.Append(negative ? Multiply(Const(-1), term).ToString() : term.ToString());
            }
            else
            {
                text.Append(term);
            }
        }

        return text.ToString();
    }
}

/// <summary>A product (at least two factors; at most one constant, first).</summary>
public sealed record ProductExpr(EquatableArray<Expr> Factors) : Expr
{
    /// <inheritdoc/>
    public override IEnumerable<Expr> Children(out string? symbol) { symbol = null; return Factors; }

    /// <inheritdoc/>
    public override Expr Substitute(Func<string, Expr?> replacement) => Multiply(Factors.Select(f => f.Substitute(replacement)));

    /// <inheritdoc/>
    public override string ToString() =>
        string.Join(" * ", Factors.Select(f => f is SumExpr ? "(" + f + ")" : f.ToString()));
}

/// <summary>The larger of two values.</summary>
public sealed record MaxExpr(Expr Left, Expr Right) : Expr
{
    /// <inheritdoc/>
    public override IEnumerable<Expr> Children(out string? symbol) { symbol = null; return new[] { Left, Right }; }

    /// <inheritdoc/>
    public override Expr Substitute(Func<string, Expr?> replacement) => Max(Left.Substitute(replacement), Right.Substitute(replacement));

    /// <inheritdoc/>
    public override string ToString() => $"max({Left}, {Right})";
}

/// <summary>The smaller of two values.</summary>
public sealed record MinExpr(Expr Left, Expr Right) : Expr
{
    /// <inheritdoc/>
    public override IEnumerable<Expr> Children(out string? symbol) { symbol = null; return new[] { Left, Right }; }

    /// <inheritdoc/>
    public override Expr Substitute(Func<string, Expr?> replacement) => Min(Left.Substitute(replacement), Right.Substitute(replacement));

    /// <inheritdoc/>
    public override string ToString() => $"min({Left}, {Right})";
}

/// <summary>Integer division rounded up or down.</summary>
public sealed record DivideExpr(Expr Numerator, Expr Denominator, bool Ceiling) : Expr
{
    /// <inheritdoc/>
    public override IEnumerable<Expr> Children(out string? symbol) { symbol = null; return new[] { Numerator, Denominator }; }

    /// <inheritdoc/>
    public override Expr Substitute(Func<string, Expr?> replacement) =>
        Divide(Numerator.Substitute(replacement), Denominator.Substitute(replacement), Ceiling);

    /// <inheritdoc/>
    public override string ToString() => $"{(Ceiling ? "ceil" : "floor")}({Numerator} / {Denominator})";
}

/// <summary>Bit length: <c>⌊log2(x)⌋ + 1</c> for x ≥ 1, else 0 (see <see cref="Expr.Log2(Expr)"/>).</summary>
public sealed record Log2Expr(Expr Argument) : Expr
{
    /// <inheritdoc/>
    public override IEnumerable<Expr> Children(out string? symbol) { symbol = null; return new[] { Argument }; }

    /// <inheritdoc/>
    public override Expr Substitute(Func<string, Expr?> replacement) => Log2(Argument.Substitute(replacement));

    /// <inheritdoc/>
    public override string ToString() => $"log2({Argument})";
}
