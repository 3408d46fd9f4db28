using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Pix.Model;

namespace Pix.Solver;

/// <summary>
/// The fallback engine's proof step: cheap, sound arguments that no input answers "yes". Each one
/// returns false when it cannot conclude, never a wrong proof.
/// </summary>
internal static class FallbackProofs
{
    public static bool Proves(SolverQuestion question, out string proof) => question switch
    {
        RegressionQuestion r => NoRegression(r, out proof),
        BudgetQuestion b => WithinBudget(b, out proof),
        ConstantTimeQuestion c => Independent(c, out proof),
        _ => throw new ArgumentOutOfRangeException(nameof(question), question.GetType().Name, "Unknown question kind."),
    };

    /// <summary>
    /// For every pair of pieces (baseline i, current j) that can be active together,
    /// <c>cost_j − (1 + tol)·cost_i</c> has no positive coefficient on a monomial that can be positive.
    /// Pairs: all of them, or only i = j when both models have the same guards (then the same piece
    /// is selected in both).
    /// </summary>
    private static bool NoRegression(RegressionQuestion r, out string proof)
    {
        proof = string.Empty;
        var atoms = new Dictionary<string, Expr>(StringComparer.Ordinal);
        Func<string, bool> nonNegative = NonNegativeSymbols(r, atoms);
        bool sameGuards = r.Baseline.Pieces.Select(p => p.When).SequenceEqual(r.Current.Pieces.Select(p => p.When));
        for (int i = 0; i < r.Baseline.Pieces.Count; i++)
        {
            Polynomial baseline = Polynomial.OfPiece(r.Baseline.Pieces[i], r.Profile, atoms);
            for (int j = 0; j < r.Current.Pieces.Count; j++)
            {
                if (sameGuards && i != j)
                {
                    continue;
                }

                Polynomial difference = Polynomial.OfPiece(r.Current.Pieces[j], r.Profile, atoms).Plus(baseline.Times(-(1 + r.Tolerance)));
                foreach (KeyValuePair<Monomial, double> term in difference.Terms)
                {
                    if (term.Value > 0 || !IsNonNegative(term.Key, nonNegative))
                    {
                        return false;
                    }
                }
            }
        }

        proof = "proved: no piece of the current interface exceeds the baseline by more than the tolerance (coefficient signs)";
        return true;
    }

    private static bool WithinBudget(BudgetQuestion b, out string proof)
    {
        proof = string.Empty;
        var box = Box(b);
        IEnumerable<Piece> pieces = b.PieceIndex is { } index ? b.Model.Pieces.Skip(index).Take(1) : b.Model.Pieces;
        foreach (Piece piece in pieces)
        {
            double high = 0;
            foreach (Term term in piece.Terms)
            {
                double price = term.Block.Price(b.Profile);
                Interval count = Interval.Of(term.Count, box);
                high += price * count.High;
            }

            if (!(high <= b.BudgetNs))
            {
                return false;
            }
        }

        proof = b.InputBounds is { Count: > 0 }
            ? "proved: the cost is at most the budget for every input within the bounds (interval bounds)"
            : "proved: the cost is at most the budget over the whole domain (interval bounds)";
        return true;
    }

    private static bool Independent(ConstantTimeQuestion c, out string proof)
    {
        var secrets = new HashSet<string>(c.Secrets, StringComparer.Ordinal);
        bool reads = QuantityDomain.ReferencedSymbols(c.Model).Any(secrets.Contains);
        proof = reads ? string.Empty : "proved: no guard, count or bound reads a secret quantity";
        return !reads;
    }

    private static Func<string, bool> NonNegativeSymbols(SolverQuestion question, Dictionary<string, Expr> atoms)
    {
        var kinds = question.Quantities().ToDictionary(q => q.Name, q => q.Kind, StringComparer.Ordinal);
        bool Symbol(string name) =>
            atoms.TryGetValue(name, out Expr? atom) ? NonNegative(atom, Symbol)
            : !kinds.TryGetValue(name, out QuantityKind kind) || QuantityDomain.Minimum(kind) >= 0;
        return Symbol;
    }

    private static bool IsNonNegative(Monomial m, Func<string, bool> nonNegative) =>
        m.Symbols.GroupBy(s => s, StringComparer.Ordinal).All(g => g.Count() % 2 == 0 || nonNegative(g.Key));

    /// <summary>Conservatively: can <paramref name="e"/> never be negative?</summary>
    internal static bool NonNegative(Expr e, Func<string, bool> symbol) => e switch
    {
        ConstExpr c => c.Value >= 0,
        SymbolExpr s => symbol(s.Name),
        SumExpr s => s.Terms.All(t => NonNegative(t, symbol)),
        ProductExpr p => p.Factors.All(f => NonNegative(f, symbol)),
        MaxExpr m => NonNegative(m.Left, symbol) || NonNegative(m.Right, symbol),
        MinExpr m => NonNegative(m.Left, symbol) && NonNegative(m.Right, symbol),
        DivideExpr d => NonNegative(d.Numerator, symbol) && NonNegative(d.Denominator, symbol),
        Log2Expr => true,
        _ => false,
    };

    private static Dictionary<string, Interval> Box(SolverQuestion question)
    {
        var box = new Dictionary<string, Interval>(StringComparer.Ordinal);
        foreach (Quantity q in question.Quantities())
        {
            box[q.Name] = new Interval(QuantityDomain.Minimum(q.Kind), question.MaximumOf(q.Name, q.Kind));
        }

        // PCV bounds tighten the box (bounds read other quantities, whose intervals are already known).
        foreach (Quantity q in question.Quantities().Where(q => q.Bound is not null))
        {
            Interval bound = Interval.Of(q.Bound!, box);
            box[q.Name] = new Interval(box[q.Name].Low, Math.Min(box[q.Name].High, Math.Max(0, bound.High)));
        }

        return box;
    }
}

/// <summary>A closed interval of reals, with the interval extension of every expression node.</summary>
internal readonly record struct Interval(double Low, double High)
{
    public static Interval Of(Expr e, IReadOnlyDictionary<string, Interval> box)
    {
        switch (e)
        {
            case ConstExpr c:
                return new Interval(c.Value, c.Value);
            case SymbolExpr s:
                return box.TryGetValue(s.Name, out Interval v) ? v : new Interval(0, QuantityDomain.InputMaximum);
            case SumExpr s:
                return s.Terms.Select(t => Of(t, box)).Aggregate(new Interval(0, 0), (a, b) => new Interval(a.Low + b.Low, a.High + b.High));
            case ProductExpr p:
                return p.Factors.Select(f => Of(f, box)).Aggregate(new Interval(1, 1), Multiply);
            case MaxExpr m:
            {
                Interval l = Of(m.Left, box), r = Of(m.Right, box);
                return new Interval(Math.Max(l.Low, r.Low), Math.Max(l.High, r.High));
            }

            case MinExpr m:
            {
                Interval l = Of(m.Left, box), r = Of(m.Right, box);
                return new Interval(Math.Min(l.Low, r.Low), Math.Min(l.High, r.High));
            }

            case DivideExpr d:
            {
                // Quotients are bounded by the numerator's magnitude when the divisor is an integer ≠ 0,
                // and are 0 when it is 0: |q| ≤ |n| + 1 (the +1 covers ceiling rounding).
                if (!AllConstantsIntegral(d.Denominator))
                {
                    return new Interval(double.NegativeInfinity, double.PositiveInfinity);
                }

                Interval n = Of(d.Numerator, box);
                double magnitude = Math.Max(Math.Abs(n.Low), Math.Abs(n.High)) + 1;
                return new Interval(-magnitude, magnitude);
            }

            case Log2Expr l:
            {
                Interval a = Of(l.Argument, box);
                return new Interval(Expr.Log2Value(a.Low), Expr.Log2Value(a.High));
            }

            default:
                return new Interval(double.NegativeInfinity, double.PositiveInfinity);
        }
    }

    private static bool AllConstantsIntegral(Expr e) =>
        e is ConstExpr c ? c.Value == Math.Floor(c.Value) : e.Children(out _).All(AllConstantsIntegral);

    private static Interval Multiply(Interval a, Interval b)
    {
        double[] corners = { a.Low * b.Low, a.Low * b.High, a.High * b.Low, a.High * b.High };
        return new Interval(corners.Min(), corners.Max());
    }

    public override string ToString() => "[" + Low.ToString(CultureInfo.InvariantCulture) + ", " + High.ToString(CultureInfo.InvariantCulture) + "]";
}
