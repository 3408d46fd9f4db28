using System.Collections.Generic;

namespace Pix.Model;

/// <summary>How two expressions are compared in a <see cref="CompareGuard"/>.</summary>
public enum Comparison
{
    /// <summary>Left &lt; right.</summary>
    Less,
    /// <summary>Left ≤ right.</summary>
    LessOrEqual,
    /// <summary>Left &gt; right.</summary>
    Greater,
    /// <summary>Left ≥ right.</summary>
    GreaterOrEqual,
    /// <summary>Left = right.</summary>
    Equal,
    /// <summary>Left ≠ right.</summary>
    NotEqual,
}

/// <summary>
/// A predicate over the interface's quantities that selects a <see cref="Piece"/>. Booleans and null
/// checks are quantities of kind <see cref="QuantityKind.Flag"/> (0 or 1), so every guard is a
/// comparison of expressions combined with not/and/or.
/// </summary>
public abstract record Guard
{
    private protected Guard()
    {
    }

    /// <summary>The guard that always holds (the "otherwise" piece).</summary>
    public static Guard Always { get; } = new TrueGuard();

    /// <summary><paramref name="left"/> op <paramref name="right"/>.</summary>
    public static Guard Compare(Expr left, Comparison op, Expr right) => new CompareGuard(left, op, right);

    /// <summary>Negation (double negation removed, <see cref="Always"/> kept as is).</summary>
    public static Guard Not(Guard guard) => guard switch
    {
        NotGuard n => n.Operand,
        _ => new NotGuard(guard),
    };

    /// <summary>Conjunction (<see cref="Always"/> dropped).</summary>
    public static Guard And(Guard left, Guard right) =>
        left is TrueGuard ? right : right is TrueGuard ? left : new AndGuard(left, right);

    /// <summary>Disjunction.</summary>
    public static Guard Or(Guard left, Guard right) =>
        left is TrueGuard || right is TrueGuard ? Always : new OrGuard(left, right);

    /// <summary>The direct sub-expressions and sub-guards.</summary>
    public abstract IEnumerable<object> Children();

    /// <summary>A C#-like display form (<c>n &gt; 16 &amp;&amp; !flag</c>).</summary>
    public abstract override string ToString();
}

/// <summary>Always true.</summary>
public sealed record TrueGuard : Guard
{
    /// <inheritdoc/>
    public override IEnumerable<object> Children() => System.Array.Empty<object>();

    /// <inheritdoc/>
    public override string ToString() => "true";
}

/// <summary>A comparison of two expressions.</summary>
public sealed record CompareGuard(Expr Left, Comparison Op, Expr Right) : Guard
{
    /// <inheritdoc/>
    public override IEnumerable<object> Children() => new object[] { Left, Right };

    /// <summary>The C# operator token for <see cref="Op"/>.</summary>
    public string OperatorToken => Op switch
    {
        Comparison.Less => "<",
        Comparison.LessOrEqual => "<=",
        Comparison.Greater => ">",
        Comparison.GreaterOrEqual => ">=",
        Comparison.Equal => "==",
        _ => "!=",
    };

    /// <inheritdoc/>
    public override string ToString() => $"{Left} {OperatorToken} {Right}";
}

/// <summary>Negation.</summary>
public sealed record NotGuard(Guard Operand) : Guard
{
    /// <inheritdoc/>
    public override IEnumerable<object> Children() => new object[] { Operand };

    /// <inheritdoc/>
    public override string ToString() => $"!({Operand})";
}

/// <summary>Conjunction.</summary>
public sealed record AndGuard(Guard Left, Guard Right) : Guard
{
    /// <inheritdoc/>
    public override IEnumerable<object> Children() => new object[] { Left, Right };

    /// <inheritdoc/>
    public override string ToString() => $"({Left}) && ({Right})";
}

/// <summary>Disjunction.</summary>
public sealed record OrGuard(Guard Left, Guard Right) : Guard
{
    /// <inheritdoc/>
    public override IEnumerable<object> Children() => new object[] { Left, Right };

    /// <inheritdoc/>
    public override string ToString() => $"({Left}) || ({Right})";
}
