using System;
using System.Collections.Generic;
using System.Linq;
using Pix.Model;

namespace Pix.Solver;

/// <summary>
/// A cost as a polynomial over monomials of quantities, for the fallback engine's proofs. Nodes that are
/// not polynomial (<c>max</c>, <c>min</c>, division, <c>log2</c>) become opaque atoms named by their
/// display form, so equal sub-expressions in two models still cancel.
/// </summary>
internal sealed class Polynomial
{
    private readonly Dictionary<Monomial, double> _terms;

    private Polynomial(Dictionary<Monomial, double> terms) => _terms = terms;

    /// <summary>Monomials and their coefficients (zero coefficients dropped).</summary>
    public IEnumerable<KeyValuePair<Monomial, double>> Terms => _terms.Where(t => t.Value != 0);

    /// <summary>The zero polynomial.</summary>
    public static Polynomial Zero => new(new Dictionary<Monomial, double>());

    /// <summary>The cost of a piece: Σ price(term) × count(term).</summary>
    /// <remarks>Opaque atoms are added to <paramref name="atoms"/> (name → expression).</remarks>
    public static Polynomial OfPiece(Piece piece, HardwareProfile hw, IDictionary<string, Expr> atoms)
    {
        Polynomial sum = Zero;
        foreach (Term term in piece.Terms)
        {
            sum = sum.Plus(Of(term.Count, atoms).Times(term.Block.Price(hw)));
        }

        return sum;
    }

    /// <summary>The polynomial of <paramref name="expr"/>; opaque atoms are added to <paramref name="atoms"/>.</summary>
    public static Polynomial Of(Expr expr, IDictionary<string, Expr> atoms)
    {
        switch (expr)
        {
            case ConstExpr c:
                return Constant(c.Value);
            case SymbolExpr s:
                return Single(new Monomial(new[] { s.Name }));
            case SumExpr s:
                return s.Terms.Aggregate(Zero, (acc, t) => acc.Plus(Of(t, atoms)));
            case ProductExpr p:
                return p.Factors.Aggregate(Constant(1), (acc, f) => acc.Times(Of(f, atoms)));
            default:
                string name = "⟨" + expr + "⟩";
                atoms[name] = expr;
                return Single(new Monomial(new[] { name }));
        }
    }

    /// <summary>this + other.</summary>
    public Polynomial Plus(Polynomial other)
    {
        var terms = new Dictionary<Monomial, double>(_terms);
        foreach (KeyValuePair<Monomial, double> t in other._terms)
        {
            terms[t.Key] = (terms.TryGetValue(t.Key, out double c) ? c : 0) + t.Value;
        }

        return new Polynomial(terms);
    }

    /// <summary>this × factor.</summary>
    public Polynomial Times(double factor) =>
        new(_terms.ToDictionary(t => t.Key, t => t.Value * factor));

    /// <summary>this × other.</summary>
    public Polynomial Times(Polynomial other)
    {
        var terms = new Dictionary<Monomial, double>();
        foreach (KeyValuePair<Monomial, double> a in _terms)
        {
            foreach (KeyValuePair<Monomial, double> b in other._terms)
            {
                Monomial m = a.Key.Times(b.Key);
                terms[m] = (terms.TryGetValue(m, out double c) ? c : 0) + a.Value * b.Value;
            }
        }

        return new Polynomial(terms);
    }

    private static Polynomial Constant(double value) =>
        new(new Dictionary<Monomial, double> { [Monomial.One] = value });

    private static Polynomial Single(Monomial m) => new(new Dictionary<Monomial, double> { [m] = 1 });
}

/// <summary>A product of symbols (with repetition), kept sorted so equal monomials compare equal.</summary>
internal readonly struct Monomial : IEquatable<Monomial>
{
    private readonly string[] _symbols;

    public Monomial(IEnumerable<string> symbols) => _symbols = symbols.OrderBy(s => s, StringComparer.Ordinal).ToArray();

    public static Monomial One => new(Array.Empty<string>());

    public IReadOnlyList<string> Symbols => _symbols ?? Array.Empty<string>();

    public Monomial Times(Monomial other) => new(Symbols.Concat(other.Symbols));

    public bool Equals(Monomial other) => Symbols.SequenceEqual(other.Symbols, StringComparer.Ordinal);

    public override bool Equals(object? obj) => obj is Monomial m && Equals(m);

    public override int GetHashCode() => Symbols.Aggregate(17, (h, s) => unchecked(h * 31 + StringComparer.Ordinal.GetHashCode(s)));

    public override string ToString() => Symbols.Count == 0 ? "1" : string.Join("*", Symbols);
}
