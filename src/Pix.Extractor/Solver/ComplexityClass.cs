using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Pix.Model;

namespace Pix.Solver;

/// <summary>
/// The growth of an interface in one quantity: <c>O(n^Power · log^LogPower n)</c>, the dominant
/// monomial over every piece and every term that costs something. Compared symbolically (no solver),
/// so a quadratic term is caught even where its constant hides it for every small input.
/// </summary>
public readonly record struct ComplexityClass(int Power, int LogPower) : IComparable<ComplexityClass>
{
    /// <summary>O(1).</summary>
    public static ComplexityClass Constant => default;

    /// <inheritdoc/>
    public int CompareTo(ComplexityClass other) =>
        Power != other.Power ? Power.CompareTo(other.Power) : LogPower.CompareTo(other.LogPower);

    /// <summary>The class of <paramref name="model"/> in <paramref name="quantity"/>, priced on <paramref name="hw"/> (zero-cost terms ignored).</summary>
    public static ComplexityClass Of(InterfaceModel model, string quantity, HardwareProfile hw)
    {
        ComplexityClass worst = Constant;
        foreach (Piece piece in model.Pieces)
        {
            foreach (Term term in piece.Terms)
            {
                if (term.Block.Price(hw) > 0)
                {
                    worst = Max(worst, Of(Resolve(term.Count, model), quantity));
                }
            }
        }

        return worst;
    }

    /// <summary>Quantities whose class grew from <paramref name="baseline"/> to <paramref name="current"/>, with both classes.</summary>
    public static IReadOnlyList<(string Quantity, ComplexityClass Before, ComplexityClass After)> Growth(
        InterfaceModel baseline, InterfaceModel current, HardwareProfile hw)
    {
        var result = new List<(string, ComplexityClass, ComplexityClass)>();
        foreach (Quantity q in current.Quantities.Where(q => !q.IsPcv))
        {
            ComplexityClass before = Of(baseline, q.Name, hw);
            ComplexityClass after = Of(current, q.Name, hw);
            if (after.CompareTo(before) > 0)
            {
                result.Add((q.Name, before, after));
            }
        }

        return result;
    }

    /// <summary>The class of one expression in <paramref name="quantity"/>.</summary>
    public static ComplexityClass Of(Expr e, string quantity) => e switch
    {
        ConstExpr => Constant,
        SymbolExpr s => s.Name == quantity ? new ComplexityClass(1, 0) : Constant,
        SumExpr s => s.Terms.Select(t => Of(t, quantity)).Aggregate(Constant, Max),
        ProductExpr p => p.Factors.Select(f => Of(f, quantity)).Aggregate(Constant, (a, b) => new ComplexityClass(a.Power + b.Power, a.LogPower + b.LogPower)),
        MaxExpr m => Max(Of(m.Left, quantity), Of(m.Right, quantity)),
        MinExpr m => Min(Of(m.Left, quantity), Of(m.Right, quantity)),
        DivideExpr d => Quotient(Of(d.Numerator, quantity), Of(d.Denominator, quantity)),
        Log2Expr l => Of(l.Argument, quantity).CompareTo(Constant) > 0 ? new ComplexityClass(0, 1) : Constant,
        _ => Constant,
    };

    /// <summary><c>O(n)</c>, <c>O(n²)</c>, <c>O(n log n)</c>, <c>O(1)</c>.</summary>
    public override string ToString()
    {
        if (Power == 0 && LogPower == 0)
        {
            return "O(1)";
        }

        string power = Power switch
        {
            0 => string.Empty,
            1 => "n",
            2 => "n²",
            3 => "n³",
            _ => "n^" + Power.ToString(CultureInfo.InvariantCulture),
        };
        string log = LogPower switch
        {
            0 => string.Empty,
            1 => "log n",
            _ => "log^" + LogPower.ToString(CultureInfo.InvariantCulture) + " n",
        };
        return "O(" + string.Join(" ", new[] { power, log }.Where(s => s.Length > 0)) + ")";
    }

    /// <summary>Replaces PCVs that have a bound by their bound: their growth is the bound's.</summary>
    private static Expr Resolve(Expr e, InterfaceModel model) =>
        e.Substitute(name => model.FindQuantity(name) is { IsPcv: true, Bound: { } bound } ? bound : null);

    private static ComplexityClass Max(ComplexityClass a, ComplexityClass b) => a.CompareTo(b) >= 0 ? a : b;

    private static ComplexityClass Min(ComplexityClass a, ComplexityClass b) => a.CompareTo(b) <= 0 ? a : b;

    private static ComplexityClass Quotient(ComplexityClass n, ComplexityClass d) =>
        new(Math.Max(0, n.Power - d.Power), Math.Max(0, n.LogPower - d.LogPower));
}
