using System;
using System.Collections.Generic;
using System.Linq;

namespace Pix.Model;

/// <summary>
/// Evaluates an <see cref="InterfaceModel"/> on a profile, given values for its quantities. This is
/// the reference semantics: the generated <c>LatencyOf_X</c> must agree with it (tests check).
/// </summary>
public static class ModelEvaluator
{
    /// <summary>
    /// The latency predicted by <paramref name="model"/> for the inputs in <paramref name="values"/>.
    /// PCVs without a value take their bound.
    /// </summary>
    /// <exception cref="ArgumentException">A quantity needed has no value and no bound.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A PCV's value is NaN, negative or infinite (as the generated companion).</exception>
    public static Latency Evaluate(InterfaceModel model, IReadOnlyDictionary<string, double> values, HardwareProfile hw)
    {
        CheckPcvs(model, values);
        Piece piece = SelectPiece(model, values);
        double ns = 0;
        foreach (Term term in piece.Terms)
        {
            ns += Evaluate(term.Count, model, values) * term.Block.Price(hw);
        }

        return new Latency(ns);
    }

    /// <summary>
    /// Refuses a PCV value that is no count: NaN (which would make the latency NaN silently), negative or infinite. Inputs
    /// (sizes, values) come from real objects and are not checked; a PCV is what a caller types in.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Naming the PCV.</exception>
    public static void CheckPcvs(InterfaceModel model, IReadOnlyDictionary<string, double> values)
    {
        foreach (Quantity pcv in model.Pcvs)
        {
            if (values.TryGetValue(pcv.Name, out double value) && !PcvArgument.IsCount(value))
            {
                throw new ArgumentOutOfRangeException(nameof(values), value, $"{PcvArgument.RangeMessage} '{pcv.Name}' ({pcv.Description}) was {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
            }
        }
    }

    /// <summary>The first piece whose guard holds for <paramref name="values"/>.</summary>
    public static Piece SelectPiece(InterfaceModel model, IReadOnlyDictionary<string, double> values)
    {
        foreach (Piece piece in model.Pieces)
        {
            if (Holds(piece.When, model, values))
            {
                return piece;
            }
        }

        throw new InvalidOperationException(
            $"No piece of the interface of {model.MethodName} applies; the last piece must be unguarded.");
    }

    /// <summary>Evaluates <paramref name="expr"/>.</summary>
    public static double Evaluate(Expr expr, InterfaceModel model, IReadOnlyDictionary<string, double> values) =>
        Evaluate(expr, name => ValueOf(name, model, values));

    /// <summary>Evaluates <paramref name="expr"/> with <paramref name="lookup"/> giving each symbol's value.</summary>
    public static double Evaluate(Expr expr, Func<string, double> lookup) => expr switch
    {
        ConstExpr c => c.Value,
        SymbolExpr s => lookup(s.Name),
        SumExpr s => Sum(s.Terms, lookup),
        ProductExpr p => Product(p.Factors, lookup),
        MaxExpr m => Math.Max(Evaluate(m.Left, lookup), Evaluate(m.Right, lookup)),
        MinExpr m => Math.Min(Evaluate(m.Left, lookup), Evaluate(m.Right, lookup)),
        DivideExpr d => Divide(Evaluate(d.Numerator, lookup), Evaluate(d.Denominator, lookup), d.Ceiling),
        Log2Expr l => Expr.Log2Value(Evaluate(l.Argument, lookup)),
        _ => throw new ArgumentOutOfRangeException(nameof(expr), expr.GetType().Name, "Unknown expression kind."),
    };

    // Loops, not LINQ's Sum and Aggregate with lambdas: those allocated a closure, two delegates and an enumerator per
    // sum or product evaluated, among the extraction's most allocated objects (docs/robustness.md, twenty-second
    // session). Same order, same start (0 and 1), so the same doubles.
    private static double Sum(EquatableArray<Expr> terms, Func<string, double> lookup)
    {
        double sum = 0;
        for (int i = 0; i < terms.Count; i++)
        {
            sum += Evaluate(terms[i], lookup);
        }

        return sum;
    }

    private static double Product(EquatableArray<Expr> factors, Func<string, double> lookup)
    {
        double product = 1.0;
        for (int i = 0; i < factors.Count; i++)
        {
            product *= Evaluate(factors[i], lookup);
        }

        return product;
    }

    /// <summary>Evaluates <paramref name="guard"/>.</summary>
    public static bool Holds(Guard guard, InterfaceModel model, IReadOnlyDictionary<string, double> values) =>
        Holds(guard, name => ValueOf(name, model, values));

    /// <summary>Evaluates <paramref name="guard"/> with <paramref name="lookup"/> giving each symbol's value.</summary>
    public static bool Holds(Guard guard, Func<string, double> lookup) => guard switch
    {
        TrueGuard => true,
        NotGuard n => !Holds(n.Operand, lookup),
        AndGuard a => Holds(a.Left, lookup) && Holds(a.Right, lookup),
        OrGuard o => Holds(o.Left, lookup) || Holds(o.Right, lookup),
        CompareGuard c => Compare(Evaluate(c.Left, lookup), c.Op, Evaluate(c.Right, lookup)),
        _ => throw new ArgumentOutOfRangeException(nameof(guard), guard.GetType().Name, "Unknown guard kind."),
    };

    private static bool Compare(double left, Comparison op, double right) => op switch
    {
        Comparison.Less => left < right,
        Comparison.LessOrEqual => left <= right,
        Comparison.Greater => left > right,
        Comparison.GreaterOrEqual => left >= right,
        Comparison.Equal => left == right,
        _ => left != right,
    };

    /// <summary>
    /// Integer division as the generated code computes it: by zero gives 0 (a loop with step 0 is
    /// reported as unbounded by the extractor; the interface must not throw).
    /// </summary>
    internal static double Divide(double numerator, double denominator, bool ceiling)
    {
        if (denominator == 0)
        {
            return 0;
        }

        double q = numerator / denominator;
        return ceiling ? Math.Ceiling(q) : Math.Floor(q);
    }

    private static double ValueOf(string name, InterfaceModel model, IReadOnlyDictionary<string, double> values)
    {
        if (values.TryGetValue(name, out double value))
        {
            return value;
        }

        Quantity? quantity = model.FindQuantity(name);
        if (quantity?.Bound is { } bound)
        {
            return Evaluate(bound, model, values);
        }

        throw new ArgumentException(
            quantity is null
                ? $"The interface of {model.MethodName} reads '{name}', which is not one of its quantities."
                : $"No value was given for '{name}' ({quantity.Description}) and it has no known bound.",
            nameof(values));
    }
}
