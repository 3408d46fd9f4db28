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
        Key = KeyOf(factors);
        int degree = 0;
        foreach (var factor in factors)
        {
            degree += factor.Power;
        }

        Degree = degree;
    }

    // "a*b^2": loops, not LINQ: a monomial is made for every product and substitution, and one factor
    // of power 1 (the most common) is its atom's key itself.
    private static string KeyOf((Atom Atom, int Power)[] factors)
    {
        if (factors.Length == 0)
        {
            return string.Empty;
        }

        if (factors.Length == 1)
        {
            return FactorKey(factors[0]);
        }

        if (factors.Length == 2)
        {
            return string.Concat(FactorKey(factors[0]), "*", FactorKey(factors[1]));
        }

        var parts = new string[factors.Length];
        for (int i = 0; i < factors.Length; i++)
        {
            parts[i] = FactorKey(factors[i]);
        }

        return string.Join("*", parts);
    }

    private static string FactorKey((Atom Atom, int Power) factor) =>
        factor.Power == 1 ? factor.Atom.Key : factor.Atom.Key + "^" + factor.Power.ToString(CultureInfo.InvariantCulture);

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

        // Both factor lists are sorted by atom key: merge them. An atom in both keeps the other's
        // instance (equal keys, equal atoms), as the keyed insertion this replaces did.
        var a = Factors;
        var b = other.Factors;
        var merged = new (Atom Atom, int Power)[a.Length + b.Length];
        int i = 0, j = 0, n = 0;
        while (i < a.Length && j < b.Length)
        {
            int order = string.CompareOrdinal(a[i].Atom.Key, b[j].Atom.Key);
            if (order < 0)
            {
                merged[n++] = a[i++];
            }
            else if (order > 0)
            {
                merged[n++] = b[j++];
            }
            else
            {
                merged[n++] = (b[j].Atom, a[i].Power + b[j].Power);
                i++;
                j++;
            }
        }

        while (i < a.Length)
        {
            merged[n++] = a[i++];
        }

        while (j < b.Length)
        {
            merged[n++] = b[j++];
        }

        if (n < merged.Length)
        {
            Array.Resize(ref merged, n);
        }

        return new Monomial(merged);
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

    public static Poly One { get; } = new(new[] { (Monomial.Unit, 1.0) });

    /// <summary>
    /// The canonical text of the polynomial, what equality compares. Built on first use: most
    /// polynomials are intermediate results never compared, and formatting every coefficient was a
    /// measurable share of extraction time (docs/robustness.md, "Time per method").
    /// </summary>
    public string Key => _key ??= BuildKey();

    // "c·monomial" joined by " + ", each coefficient written as its constant expression is (Expr.Const, then ToString:
    // 0 for ±0), without making that expression; one term (most keys: a function atom's argument, a count) without a join.
    private string BuildKey()
    {
        if (_terms.Length == 0)
        {
            return "0";
        }

        if (_terms.Length == 1)
        {
            return TermKey(_terms[0]);
        }

        var parts = new string[_terms.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            parts[i] = TermKey(_terms[i]);
        }

        return string.Join(" + ", parts);
    }

    private static string TermKey((Monomial Monomial, double Coefficient) term) =>
        string.Concat(Expr.Format(term.Coefficient == 0 ? 0 : term.Coefficient), "·", term.Monomial.Key);

    public IReadOnlyList<(Monomial Monomial, double Coefficient)> Terms => _terms;

    public bool IsZero => _terms.Length == 0;

    // Polys are immutable: the constant 1 (every coefficient substitution starts from one) is shared.
    public static Poly Const(double value) => value == 0 ? Zero : value == 1 ? One : new(new[] { (Monomial.Unit, value) });

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
    public Poly Plus(Poly other) => other.IsZero ? this : IsZero ? other : Merge(this, other);

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
        // One running sum instead of result = result.Plus(product) per monomial, which rebuilt the
        // whole result for each one (quadratic in the terms: the tail of callee substitution).
        if (_terms.Length == 1)
        {
            // A sum of one operand is that operand (Sum.ToPoly): no running sum for a single monomial.
            Poly only = SubstituteMonomial(_terms[0].Monomial, _terms[0].Coefficient, map);
            return only.IsZero ? Zero : only;
        }

        var result = new Sum();
        foreach (var (monomial, coefficient) in _terms)
        {
            result.Add(SubstituteMonomial(monomial, coefficient, map));
        }

        return result.ToPoly();
    }

    private static Poly SubstituteMonomial(Monomial monomial, double coefficient, Func<Atom, Poly?> map)
    {
        Poly product = Const(coefficient);
        foreach ((Atom atom, int power) in monomial.Factors)
        {
            product = product.Times(atom.Substitute(map).Power(power));
        }

        return product;
    }

    public bool ContainsAtom(Func<Atom, bool> predicate)
    {
        // Loops, not nested Any: two closures per call, on every term's count at every loop and substitution.
        foreach (var (monomial, _) in _terms)
        {
            foreach ((Atom atom, int _) in monomial.Factors)
            {
                if (atom.Contains(predicate))
                {
                    return true;
                }
            }
        }

        return false;
    }

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
        if (_terms.Length == 1)
        {
            return Expr.Add(MonomialExpr(_terms[0].Monomial, _terms[0].Coefficient));
        }

        var terms = new Expr[_terms.Length];
        int n = 0;
        foreach (var (monomial, coefficient) in HighestDegreeFirst())
        {
            terms[n++] = MonomialExpr(monomial, coefficient);
        }

        return Expr.Add(terms);
    }

    // The terms by degree, highest first, then by key. They are kept sorted by key (ordinally, keys distinct), so
    // when the degrees already fall the order is theirs and nothing is sorted: most counts (a constant, n, n + 1).
    private IEnumerable<(Monomial Monomial, double Coefficient)> HighestDegreeFirst()
    {
        for (int i = 1; i < _terms.Length; i++)
        {
            if (_terms[i].Monomial.Degree > _terms[i - 1].Monomial.Degree)
            {
                return _terms.OrderByDescending(t => t.Monomial.Degree).ThenBy(t => t.Monomial.Key, StringComparer.Ordinal);
            }
        }

        return _terms;
    }

    private static Expr MonomialExpr(Monomial monomial, double coefficient)
    {
        int count = 1;
        foreach ((Atom _, int power) in monomial.Factors)
        {
            count += Math.Max(0, power);
        }

        var factors = new Expr[count];
        factors[0] = Expr.Const(coefficient);
        int n = 1;
        foreach ((Atom atom, int power) in monomial.Factors)
        {
            for (int i = 0; i < power; i++)
            {
                factors[n++] = atom.ToExpr();
            }
        }

        return Expr.Multiply(factors);
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
        // Coefficients summed in the order given; a monomial met again keeps its latest instance. Few
        // monomials (most products) are found by a scan, more through an index by key.
        var sums = new List<(Monomial Monomial, double Coefficient)>();
        Dictionary<string, int>? index = null;
        foreach (var (monomial, coefficient) in terms)
        {
            int at = IndexOf(sums, ref index, monomial.Key);
            if (at >= 0)
            {
                sums[at] = (monomial, sums[at].Coefficient + coefficient);
            }
            else
            {
                index?.Add(monomial.Key, sums.Count);
                sums.Add((monomial, coefficient));
            }
        }

        // Coefficients that cancel up to rounding (sums of Faulhaber fractions) are dropped.
        int kept = 0;
        foreach (var term in sums)
        {
            kept += Negligible(term.Coefficient) ? 0 : 1;
        }

        var result = new (Monomial Monomial, double Coefficient)[kept];
        int n = 0;
        foreach (var term in sums)
        {
            if (!Negligible(term.Coefficient))
            {
                result[n++] = term;
            }
        }

        return Sorted(result);
    }

    private const int ScannedMonomials = 8;

    /// <summary>Where <paramref name="key"/>'s monomial is in <paramref name="sums"/> (−1: not there); indexes them once they are many.</summary>
    private static int IndexOf(List<(Monomial Monomial, double Coefficient)> sums, ref Dictionary<string, int>? index, string key)
    {
        if (index is null && sums.Count > ScannedMonomials)
        {
            index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < sums.Count; i++)
            {
                index.Add(sums[i].Monomial.Key, i);
            }
        }

        if (index is not null)
        {
            return index.TryGetValue(key, out int found) ? found : -1;
        }

        for (int i = 0; i < sums.Count; i++)
        {
            if (string.Equals(sums[i].Monomial.Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// <c>Combine(left.terms ++ right.terms)</c> for two polynomials (each sorted, one term per monomial):
    /// a merge, without a dictionary.
    /// </summary>
    private static Poly Merge(Poly left, Poly right)
    {
        var a = left._terms;
        var b = right._terms;
        var merged = new (Monomial Monomial, double Coefficient)[a.Length + b.Length];
        int i = 0, j = 0, n = 0;
        while (i < a.Length || j < b.Length)
        {
            int order = i == a.Length ? 1 : j == b.Length ? -1 : string.CompareOrdinal(a[i].Monomial.Key, b[j].Monomial.Key);
            (Monomial Monomial, double Coefficient) term;
            if (order < 0)
            {
                term = a[i++];
            }
            else if (order > 0)
            {
                term = b[j++];
            }
            else
            {
                term = (b[j].Monomial, a[i].Coefficient + b[j].Coefficient);
                i++;
                j++;
            }

            if (!Negligible(term.Coefficient))
            {
                merged[n++] = term;
            }
        }

        if (n < merged.Length)
        {
            Array.Resize(ref merged, n);
        }

        return new Poly(merged);
    }

    private static bool Negligible(double coefficient) => !(Math.Abs(coefficient) > 1e-12);

    private static Poly Sorted((Monomial Monomial, double Coefficient)[] terms)
    {
        Array.Sort(terms, static (x, y) => string.CompareOrdinal(x.Monomial.Key, y.Monomial.Key));
        return new Poly(terms);
    }

    /// <summary>
    /// A running sum of polynomials equal to folding them with <see cref="Plus"/> in the order added,
    /// down to which negligible coefficients are dropped when, without rebuilding the sum per operand.
    /// </summary>
    private sealed class Sum
    {
        // The sum's terms in no order (ToPoly sorts them), a monomial met again keeping its latest instance; found by a
        // scan while they are few, through an index by key once they are many. A list, not a dictionary from the start:
        // most sums are a few terms (every count substituted at a call makes one), and a dictionary per sum was the most
        // allocated object of callee substitution (docs/robustness.md, `alloc28`).
        private readonly List<(Monomial Monomial, double Coefficient)> _sums = new();
        private Dictionary<string, int>? _index;

        // The sum while it is one operand taken whole (Plus returns a non-zero operand added to zero as it is).
        private Poly? _single;

        // Whether every entry has passed the negligible-coefficient filter (an operand taken whole has not).
        private bool _filtered;

        public void Add(Poly operand)
        {
            if (operand.IsZero)
            {
                return;
            }

            if (_sums.Count == 0)
            {
                foreach (var term in operand._terms)
                {
                    Put(term.Monomial, term.Coefficient);
                }

                _single = operand;
                _filtered = false;
                return;
            }

            _single = null;
            foreach (var (monomial, coefficient) in operand._terms)
            {
                int at = IndexOf(monomial.Key);
                if (at >= 0)
                {
                    _sums[at] = (monomial, _sums[at].Coefficient + coefficient);
                }
                else
                {
                    Put(monomial, coefficient);
                }
            }

            // Plus filters the whole combined sum; entries untouched since the last filter already passed it.
            if (_filtered)
            {
                foreach (var (monomial, _) in operand._terms)
                {
                    int at = IndexOf(monomial.Key);
                    if (at >= 0 && Negligible(_sums[at].Coefficient))
                    {
                        RemoveAt(at);
                    }
                }
            }
            else
            {
                // Backwards: RemoveAt moves the last entry, already checked, into the place it empties.
                for (int at = _sums.Count - 1; at >= 0; at--)
                {
                    if (Negligible(_sums[at].Coefficient))
                    {
                        RemoveAt(at);
                    }
                }
            }

            _filtered = true;
        }

        public Poly ToPoly() => _single ?? (_sums.Count == 0 ? Zero : Sorted(_sums.ToArray()));

        private void Put(Monomial monomial, double coefficient)
        {
            _index?.Add(monomial.Key, _sums.Count);
            _sums.Add((monomial, coefficient));
        }

        private int IndexOf(string key)
        {
            if (_index is null && _sums.Count > ScannedMonomials)
            {
                _index = new Dictionary<string, int>(StringComparer.Ordinal);
                for (int i = 0; i < _sums.Count; i++)
                {
                    _index.Add(_sums[i].Monomial.Key, i);
                }
            }

            if (_index is not null)
            {
                return _index.TryGetValue(key, out int found) ? found : -1;
            }

            for (int i = 0; i < _sums.Count; i++)
            {
                if (string.Equals(_sums[i].Monomial.Key, key, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            return -1;
        }

        private void RemoveAt(int at)
        {
            int last = _sums.Count - 1;
            _index?.Remove(_sums[at].Monomial.Key);
            if (at != last)
            {
                _sums[at] = _sums[last];
                if (_index is not null)
                {
                    _index[_sums[at].Monomial.Key] = at;
                }
            }

            _sums.RemoveAt(last);
        }
    }
}
