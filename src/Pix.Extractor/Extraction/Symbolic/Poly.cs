using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Pix.Model;

namespace Pix.Extraction.Symbolic;

/// <summary>One product of atom powers, e.g. <c>n²·m</c>. Factors are sorted by atom key.</summary>
internal sealed class Monomial : IEquatable<Monomial>
{
    public static Monomial Unit { get; } = new(Array.Empty<(Atom, int)>());

    public Monomial((Atom Atom, int Power)[] factors)
    {
        Factors = factors;
        Key = string.Join("*", factors.Select(f => f.Power == 1 ? f.Atom.Key : f.Atom.Key + "^" + f.Power.ToString(CultureInfo.InvariantCulture)));
        Degree = factors.Sum(f => f.Power);
    }

    public (Atom Atom, int Power)[] Factors { get; }

    public string Key { get; }

    public int Degree { get; }

    public Monomial Times(Monomial other)
    {
        // The unit changes nothing; substitution multiplies by it for every constant coefficient.
        if (other.Factors.Length == 0)
        {
            return this;
        }

        if (Factors.Length == 0)
        {
            return other;
        }

        var powers = new SortedDictionary<string, (Atom Atom, int Power)>(StringComparer.Ordinal);
        foreach ((Atom atom, int power) in Factors.Concat(other.Factors))
        {
            powers[atom.Key] = powers.TryGetValue(atom.Key, out var existing) ? (atom, existing.Power + power) : (atom, power);
        }

        return new Monomial(powers.Values.ToArray());
    }

    public bool Equals(Monomial? other) => other is not null && other.Key == Key;

    public override bool Equals(object? obj) => obj is Monomial m && Equals(m);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Key);
}

/// <summary>
/// A polynomial with real coefficients over <see cref="Atom"/>s: the extractor's working form for
/// trip counts and term multipliers. Unlike <see cref="Expr"/> it supports exact expansion, which
/// symbolic summation over loop variables (Faulhaber) needs. Immutable; terms are kept sorted by
/// monomial key, so structural equality is canonical.
/// </summary>
internal sealed class Poly : IEquatable<Poly>
{
    private readonly (Monomial Monomial, double Coefficient)[] _terms;
    private string? _key;

    private Poly((Monomial, double)[] terms) => _terms = terms;

    public static Poly Zero { get; } = new(Array.Empty<(Monomial, double)>());

    public static Poly One { get; } = Const(1);

    /// <summary>
    /// The canonical text of the polynomial, what equality compares. Built on first use: most
    /// polynomials are intermediate results never compared, and formatting every coefficient was a
    /// measurable share of extraction time (docs/robustness.md, "Time per method").
    /// </summary>
    public string Key => _key ??= _terms.Length == 0 ? "0" : string.Join(" + ", _terms.Select(t => Expr.Const(t.Coefficient) + "·" + t.Monomial.Key));

    public IReadOnlyList<(Monomial Monomial, double Coefficient)> Terms => _terms;

    public bool IsZero => _terms.Length == 0;

    public static Poly Const(double value) => value == 0 ? Zero : new(new[] { (Monomial.Unit, value) });

    public static Poly Of(Atom atom) => new(new[] { (new Monomial(new[] { (atom, 1) }), 1.0) });

    public bool IsConstant(out double value)
    {
        if (_terms.Length == 0)
        {
            value = 0;
            return true;
        }

        if (_terms.Length == 1 && _terms[0].Monomial.Degree == 0)
        {
            value = _terms[0].Coefficient;
            return true;
        }

        value = 0;
        return false;
    }

    private bool IsOne => _terms.Length == 1 && _terms[0].Monomial.Factors.Length == 0 && _terms[0].Coefficient == 1;

    /// <summary>True when no valuation of the atoms makes the polynomial negative.</summary>
    public bool IsKnownNonNegative => _terms.All(t => t.Coefficient >= 0 && t.Monomial.Factors.All(f => IsNonNegativeAtom(f.Atom) || f.Power % 2 == 0));

    /// <summary>The highest degree of any monomial.</summary>
    public int Degree => _terms.Length == 0 ? 0 : _terms.Max(t => t.Monomial.Degree);

    // Shortcuts below return what Combine would rebuild term for term: every Poly's terms are already
    // combined, sorted by monomial key and free of negligible coefficients, and x·1 = x, x + 0 = x exactly.
    public Poly Plus(Poly other) => other.IsZero ? this : IsZero ? other : Combine(_terms.Concat(other._terms));

    public Poly Minus(Poly other) => Plus(other.Scale(-1));

    public Poly Scale(double factor) =>
        factor == 0 ? Zero : Combine(_terms.Select(t => (t.Monomial, t.Coefficient * factor)));

    public Poly Times(Poly other)
    {
        if (other.IsOne)
        {
            return this;
        }

        if (IsOne)
        {
            return other;
        }

        var products = new List<(Monomial, double)>(_terms.Length * other._terms.Length);
        foreach (var (m1, c1) in _terms)
        {
            foreach (var (m2, c2) in other._terms)
            {
                products.Add((m1.Times(m2), c1 * c2));
            }
        }

        return Combine(products);
    }

    public Poly Power(int exponent)
    {
        if (exponent == 1)
        {
            return this;
        }

        Poly result = One;
        for (int i = 0; i < exponent; i++)
        {
            result = result.Times(this);
        }

        return result;
    }

    /// <summary>Replaces atoms by polynomials and re-expands (<paramref name="map"/> returns null to keep an atom).</summary>
    public Poly Substitute(Func<Atom, Poly?> map)
    {
        Poly result = Zero;
        foreach (var (monomial, coefficient) in _terms)
        {
            Poly product = Const(coefficient);
            foreach ((Atom atom, int power) in monomial.Factors)
            {
                product = product.Times(atom.Substitute(map).Power(power));
            }

            result = result.Plus(product);
        }

        return result;
    }

    public bool ContainsAtom(Func<Atom, bool> predicate) =>
        _terms.Any(t => t.Monomial.Factors.Any(f => f.Atom.Contains(predicate)));

    /// <summary>The atoms directly in the monomials (not those inside function atoms).</summary>
    public IEnumerable<Atom> TopAtoms => _terms.SelectMany(t => t.Monomial.Factors.Select(f => f.Atom)).Distinct();

    /// <summary>
    /// The coefficients of the powers of <paramref name="variable"/>: <c>p = Σ coeff[k]·variable^k</c>;
    /// null when the variable also occurs inside a function atom (no polynomial form).
    /// </summary>
    public IReadOnlyDictionary<int, Poly>? CoefficientsOf(Atom variable)
    {
        var parts = new SortedDictionary<int, List<(Monomial, double)>>();
        foreach (var (monomial, coefficient) in _terms)
        {
            int power = 0;
            var rest = new List<(Atom, int)>();
            foreach ((Atom atom, int p) in monomial.Factors)
            {
                if (atom.Equals(variable))
                {
                    power = p;
                }
                else if (atom.Contains(a => a.Equals(variable)))
                {
                    return null;
                }
                else
                {
                    rest.Add((atom, p));
                }
            }

            if (!parts.TryGetValue(power, out var list))
            {
                parts[power] = list = new List<(Monomial, double)>();
            }

            list.Add((new Monomial(rest.ToArray()), coefficient));
        }

        return parts.ToDictionary(p => p.Key, p => Combine(p.Value));
    }

    public double Evaluate(Func<Atom, double> leaf)
    {
        double sum = 0;
        foreach (var (monomial, coefficient) in _terms)
        {
            double product = coefficient;
            foreach ((Atom atom, int power) in monomial.Factors)
            {
                product *= Math.Pow(atom.Evaluate(leaf), power);
            }

            sum += product;
        }

        return sum;
    }

    /// <summary>The polynomial as a model expression, highest degree first.</summary>
    public Expr ToExpr()
    {
        var terms = new List<Expr>();
        foreach (var (monomial, coefficient) in _terms.OrderByDescending(t => t.Monomial.Degree).ThenBy(t => t.Monomial.Key, StringComparer.Ordinal))
        {
            var factors = new List<Expr> { Expr.Const(coefficient) };
            foreach ((Atom atom, int power) in monomial.Factors)
            {
                for (int i = 0; i < power; i++)
                {
                    factors.Add(atom.ToExpr());
                }
            }

            terms.Add(Expr.Multiply(factors));
        }

        return Expr.Add(terms);
    }

    public bool Equals(Poly? other) => other is not null && other.Key == Key;

    public override bool Equals(object? obj) => obj is Poly p && Equals(p);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Key);

    public override string ToString() => ToExpr().ToString();

    private static bool IsNonNegativeAtom(Atom atom) => atom switch
    {
        QuantityAtom q => q.IsNonNegative,
        FunctionAtom f => f.IsNonNegative,
        _ => false,
    };

    private static Poly Combine(IEnumerable<(Monomial Monomial, double Coefficient)> terms)
    {
        var sums = new SortedDictionary<string, (Monomial Monomial, double Coefficient)>(StringComparer.Ordinal);
        foreach (var (monomial, coefficient) in terms)
        {
            sums[monomial.Key] = sums.TryGetValue(monomial.Key, out var existing)
                ? (monomial, existing.Coefficient + coefficient)
                : (monomial, coefficient);
        }

        // Coefficients that cancel up to rounding (sums of Faulhaber fractions) are dropped.
        return new Poly(sums.Values.Where(t => Math.Abs(t.Coefficient) > 1e-12).ToArray());
    }
}
