using System;
using System.Collections.Generic;
using System.Linq;
using Pix.Extraction.Symbolic;

namespace Pix.Extractor.Tests;

/// <summary>
/// The polynomial arithmetic behind trip counts and callee substitution, against a plain reference: every
/// operation is "concatenate the terms, sum each monomial's coefficients in order, drop those that cancel
/// to below 1e-12, sort by monomial". Substitute sums its products in one running sum (it used to rebuild
/// the result per monomial) and must give exactly what folding them with Plus gives, down to the last bit
/// and to which cancelled coefficients are dropped when.
/// </summary>
public sealed class PolyArithmeticTests
{
    private static readonly Atom[] Atoms = { Q("n"), Q("m"), Q("data.Length"), Q("_count"), Q("k") };

    [Fact]
    public void Products_and_sums_equal_the_reference_combination()
    {
        var random = new Random(7);
        for (int round = 0; round < 300; round++)
        {
            // No lone 1e-13 constant here: x + 0 and x·1 return x as it is, which the reference would filter.
            Poly a = RandomPoly(random, tiny: false), b = RandomPoly(random, tiny: false);
            AssertSame(Reference(a.Terms.Concat(b.Terms)), a.Plus(b));
            AssertSame(Reference(a.Terms.SelectMany(x => b.Terms.Select(y => (ReferenceTimes(x.Monomial, y.Monomial), x.Coefficient * y.Coefficient)))), a.Times(b));
        }
    }

    [Fact]
    public void Substitute_equals_folding_each_monomials_product_with_Plus()
    {
        var random = new Random(11);
        for (int round = 0; round < 300; round++)
        {
            Poly p = RandomPoly(random, terms: 12);
            var images = Atoms.ToDictionary(a => a.Key, a => random.Next(3) == 0 ? null : RandomPoly(random, terms: 3));
            Poly? Map(Atom atom) => images.TryGetValue(atom.Key, out Poly? image) ? image : null;

            Poly folded = Poly.Zero;
            foreach (var (monomial, coefficient) in p.Terms)
            {
                Poly product = Poly.Const(coefficient);
                foreach (var (atom, power) in monomial.Factors)
                {
                    product = product.Times(atom.Substitute(Map).Power(power));
                }

                folded = folded.Plus(product);
            }

            AssertSame(folded, p.Substitute(Map));
        }
    }

    [Fact]
    public void A_coefficient_cancelled_on_the_way_is_dropped_as_Plus_drops_it()
    {
        // n·(0.1) + n·(0.2) + n·(-0.3) leaves 5.5e-17·n, dropped; then + 1e-13·m (kept only if it stays
        // alone): the running sum must drop n at the third product, as the fold does, not at the end.
        Atom n = Atoms[0], m = Atoms[1], k = Atoms[4];
        Poly p = Poly.Of(n).Scale(0.1).Plus(Poly.Of(m).Scale(0.2)).Plus(Poly.Of(k).Scale(-0.3)).Plus(Poly.Of(Atoms[2]));
        Poly toN = Poly.Of(n);
        Poly? Map(Atom atom) => atom.Equals(m) || atom.Equals(k) ? toN : null;
        Poly folded = p.Terms.Aggregate(Poly.Zero, (sum, t) => sum.Plus(Poly.Const(t.Coefficient).Times(t.Monomial.Factors.Aggregate(Poly.One, (x, f) => x.Times(f.Atom.Substitute(Map).Power(f.Power))))));
        AssertSame(folded, p.Substitute(Map));
        Assert.DoesNotContain(p.Substitute(Map).Terms, t => t.Monomial.Key == n.Key);
    }

    private static void AssertSame(Poly expected, Poly actual)
    {
        Assert.Equal(expected.Terms.Select(t => t.Monomial.Key), actual.Terms.Select(t => t.Monomial.Key));
        Assert.Equal(expected.Terms.Select(t => BitConverter.DoubleToInt64Bits(t.Coefficient)), actual.Terms.Select(t => BitConverter.DoubleToInt64Bits(t.Coefficient)));
    }

    private static Poly Reference(IEnumerable<(Monomial Monomial, double Coefficient)> terms)
    {
        var order = new List<string>();
        var sums = new Dictionary<string, (Monomial, double)>();
        foreach (var (monomial, coefficient) in terms)
        {
            if (sums.TryGetValue(monomial.Key, out var existing))
            {
                sums[monomial.Key] = (monomial, existing.Item2 + coefficient);
            }
            else
            {
                order.Add(monomial.Key);
                sums[monomial.Key] = (monomial, coefficient);
            }
        }

        Poly result = Poly.Zero;
        foreach (string key in order.Where(k => Math.Abs(sums[k].Item2) > 1e-12).OrderBy(k => k, StringComparer.Ordinal))
        {
            // Adding terms of distinct monomials one at a time sums nothing: it only builds the polynomial.
            var (monomial, coefficient) = sums[key];
            result = result.Plus(Poly.Const(coefficient).Times(FromMonomial(monomial)));
        }

        return result;
    }

    private static Monomial ReferenceTimes(Monomial a, Monomial b)
    {
        var powers = new SortedDictionary<string, (Atom Atom, int Power)>(StringComparer.Ordinal);
        foreach (var (atom, power) in a.Factors.Concat(b.Factors))
        {
            powers[atom.Key] = powers.TryGetValue(atom.Key, out var existing) ? (atom, existing.Power + power) : (atom, power);
        }

        return new Monomial(powers.Values.ToArray());
    }

    private static Poly FromMonomial(Monomial monomial) =>
        monomial.Factors.Aggregate(Poly.One, (p, f) => p.Times(Poly.Of(f.Atom).Power(f.Power)));

    private static Poly RandomPoly(Random random, int terms = 5, bool tiny = true)
    {
        // Coefficients from a small set of fractions, so that sums cancel to rounding residues now and then.
        double[] coefficients = { 0.1, 0.2, -0.3, 0.5, -0.5, 1, -1, 1.0 / 3, -1.0 / 6, 2, 1e-13 };
        Poly p = Poly.Zero;
        int count = random.Next(terms + 1);
        for (int i = 0; i < count; i++)
        {
            Poly term = Poly.Const(coefficients[random.Next(tiny ? coefficients.Length : coefficients.Length - 1)]);
            int factors = random.Next(3);
            for (int f = 0; f < factors; f++)
            {
                term = term.Times(Poly.Of(Atoms[random.Next(Atoms.Length)]));
            }

            p = p.Plus(term);
        }

        return p;
    }

    private static QuantityAtom Q(string name) => new(name, isNonNegative: true);
}
